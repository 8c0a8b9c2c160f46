// Package icon holds the app icon for the window and the taskbar. It is apart
// from package assets so that the command line, which embeds the font from
// there, does not depend on Fyne.
package icon

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// png is the app icon, 256×256, rasterised from icon.svg (its source; see
// LICENSE.md). The Windows .exe and the Linux packages carry the same picture,
// made from icon.svg by packaging/.
//
//go:embed icon.png
var png []byte

// Resource is the app icon for the window and the taskbar: a.SetIcon(icon.Resource).
var Resource fyne.Resource = &fyne.StaticResource{StaticName: "icon.png", StaticContent: png}
