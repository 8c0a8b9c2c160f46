// Package assets holds the files shipped inside the binary: the CJK font used
// for documents and the window, with its licence beside it in fonts/.
package assets

import _ "embed"

// CJKFont is WenQuanYi Micro Hei, a TrueType (glyf) sans-serif font covering
// Latin and the CJK Unified Ideographs.
//
//go:embed fonts/wqy-microhei.ttf
var CJKFont []byte
