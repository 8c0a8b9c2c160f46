package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// iconPNG is the app icon, 256×256, rasterised from icon.svg (its source; see
// icon-LICENSE.md). The Windows .exe and the Linux packages carry the same
// picture, made from icon.svg by packaging/.
//
//go:embed icon.png
var iconPNG []byte

// Icon is the app icon for the window and the taskbar: a.SetIcon(assets.Icon).
var Icon fyne.Resource = &fyne.StaticResource{StaticName: "icon.png", StaticContent: iconPNG}
