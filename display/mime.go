package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // lets image.DecodeConfig read JPEG sizes
	"image/png"
	"sort"
	"strings"
)

// MIME types of the bundles this package builds.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMELaTeX    = "text/latex"
	MIMESVG      = "image/svg+xml"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMEJSON     = "application/json"
)

// textData builds a bundle holding s as mime, with text as its plain form.
func textData(mime, s, text string) Data {
	return Data{Data: map[string]any{mime: s, MIMEText: text}}
}

// pngData builds a bundle for PNG bytes, with the image size as metadata
// when the header can be read.
func pngData(b []byte) Data { return imageData(MIMEPNG, "PNG", b) }

// jpegData builds a bundle for JPEG bytes.
func jpegData(b []byte) Data { return imageData(MIMEJPEG, "JPEG", b) }

// imageData builds a bundle for encoded image bytes of the given MIME type.
func imageData(mime, kind string, b []byte) Data {
	d := Data{Data: map[string]any{mime: base64.StdEncoding.EncodeToString(b)}}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		d.Data[MIMEText] = fmt.Sprintf("<%s image, %d bytes, unreadable header: %v>", kind, len(b), err)
		return d
	}
	d.Data[MIMEText] = fmt.Sprintf("<%s image %dx%d>", kind, cfg.Width, cfg.Height)
	d.Metadata = map[string]any{mime: map[string]any{"width": cfg.Width, "height": cfg.Height}}
	return d
}

// imageBundle encodes img as PNG.
func imageBundle(img image.Image) Data {
	if img == nil {
		return Data{Data: map[string]any{MIMEText: "<nil image>"}}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return errorData("Image", err)
	}
	return pngData(buf.Bytes())
}

// jsonData builds an application/json bundle. The value is passed through
// encoding/json once, so that what reaches the frontend is plain JSON data
// (maps, slices, strings, numbers) that any kernel can marshal again.
func jsonData(v any) Data {
	b, err := json.Marshal(v)
	if err != nil {
		return errorData("JSON", err)
	}
	var plain any
	if err := json.Unmarshal(b, &plain); err != nil {
		return errorData("JSON", err)
	}
	indented, err := json.MarshalIndent(plain, "", "  ")
	if err != nil {
		return errorData("JSON", err)
	}
	return Data{Data: map[string]any{MIMEJSON: plain, MIMEText: string(indented)}}
}

// errorData is the text bundle shown when a value cannot be shown in the
// requested form.
func errorData(what string, err error) Data {
	return Data{Data: map[string]any{MIMEText: fmt.Sprintf("display.%s: %v", what, err)}}
}

// placeholder names the MIME types of a bundle that lacks text/plain.
func placeholder(m map[string]any) string {
	kinds := make([]string, 0, len(m))
	for k := range m {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return "<" + strings.Join(kinds, ", ") + ">"
}
