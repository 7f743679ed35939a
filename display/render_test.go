package display

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"io"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// rich offers every optional display method.
type rich struct{}

func (rich) HTML() string     { return "<b>rich</b>" }
func (rich) Markdown() string { return "**rich**" }
func (rich) SVG() string      { return `<svg xmlns="http://www.w3.org/2000/svg"/>` }
func (rich) PNG() []byte      { return encodePNG(image.NewGray(image.Rect(0, 0, 3, 2))) }
func (rich) String() string   { return "rich value" }

// fragile panics when asked for HTML, as a method on a nil pointer does.
type fragile struct{ p *int }

func (f fragile) HTML() string { return "<i>" + string(rune(*f.p)) + "</i>" }

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := pngEncode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestRenderPicksForms(t *testing.T) {
	tests := []struct {
		name     string
		v        any
		want     []string // MIME types that must be present
		wantNot  []string // MIME types that must be absent
		wantText string   // substring of text/plain
	}{
		{"nil", nil, []string{MIMEText}, []string{MIMEHTML}, "<nil>"},
		{"int", 42, []string{MIMEText}, []string{MIMEHTML}, "42"},
		{"error", errors.New("boom"), []string{MIMEText}, nil, "boom"},
		{"methods", rich{}, []string{MIMEText, MIMEHTML, MIMEMarkdown, MIMESVG, MIMEPNG}, nil, "rich value"},
		{"panicking method", fragile{}, []string{MIMEText}, []string{MIMEHTML}, "display.fragile{…}"},
		{"matrix", mat.NewDense(2, 2, []float64{1, 2, 3, 4}), []string{MIMEText, MIMEHTML}, nil, "⎡1  2⎤"},
		{"vector", mat.NewVecDense(3, []float64{1, 2, 3}), []string{MIMEHTML}, nil, "1"},
		{"image", image.NewRGBA(image.Rect(0, 0, 5, 7)), []string{MIMEText, MIMEPNG}, nil, "5x7"},
		{"typed nil image", (*image.RGBA)(nil), []string{MIMEText}, []string{MIMEPNG}, "<nil>"},
		{"bundle", Data{Data: map[string]any{MIMEHTML: "<p>x</p>"}}, []string{MIMEText, MIMEHTML}, nil, "text/html"},
		{"nil bundle pointer", (*Data)(nil), []string{MIMEText}, nil, "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Render(tt.v)
			for _, m := range tt.want {
				if _, ok := d.Data[m]; !ok {
					t.Errorf("Render(%T) lacks %s; has %v", tt.v, m, keys(d))
				}
			}
			for _, m := range tt.wantNot {
				if _, ok := d.Data[m]; ok {
					t.Errorf("Render(%T) has unexpected %s", tt.v, m)
				}
			}
			text, _ := d.Data[MIMEText].(string)
			if !strings.Contains(text, tt.wantText) {
				t.Errorf("Render(%T) text = %q, want it to contain %q", tt.v, text, tt.wantText)
			}
		})
	}
}

func TestRenderMethodPNGKeepsSize(t *testing.T) {
	d := Render(rich{})
	img := decodePNG(t, d)
	if got := img.Bounds().Size(); got != image.Pt(3, 2) {
		t.Fatalf("PNG size %v, want 3x2", got)
	}
	md := d.Metadata[MIMEPNG].(map[string]any)
	if md["width"] != 3 || md["height"] != 2 {
		t.Fatalf("PNG metadata %v, want width 3 height 2", md)
	}
}

func samplePlot(t testing.TB) *plot.Plot {
	t.Helper()
	p := plot.New()
	p.Title.Text = "Squares"
	p.X.Label.Text = "x"
	p.Y.Label.Text = "x²"
	pts := make(plotter.XYs, 20)
	for i := range pts {
		pts[i].X = float64(i)
		pts[i].Y = float64(i * i)
	}
	line, err := plotter.NewLine(pts)
	if err != nil {
		t.Fatal(err)
	}
	p.Add(line)
	return p
}

func TestPlotBundle(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	Plot(samplePlot(t), 4*vg.Inch, 3*vg.Inch)
	d := r.only(t)

	img := decodePNG(t, d)
	if got, want := img.Bounds().Size(), image.Pt(4*plotDPI, 3*plotDPI); got != want {
		t.Errorf("PNG is %v pixels, want %v", got, want)
	}
	md, _ := d.Metadata[MIMEPNG].(map[string]any)
	if md["width"] != 384 || md["height"] != 288 {
		t.Errorf("PNG metadata %v, want the CSS size 384x288", md)
	}

	svg, _ := d.Data[MIMESVG].(string)
	var doc struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Fatalf("SVG does not parse: %v", err)
	}
	if doc.XMLName.Local != "svg" || doc.Width != "288pt" || doc.Height != "216pt" {
		t.Errorf("SVG root %q %sx%s, want svg 288pt x 216pt (4x3 in)", doc.XMLName.Local, doc.Width, doc.Height)
	}
	if !strings.Contains(svg, "Squares") {
		t.Error("SVG lacks the plot title")
	}
	if text, _ := d.Data[MIMEText].(string); !strings.Contains(text, "Squares") {
		t.Errorf("text/plain %q does not name the plot", text)
	}
}

func TestRenderPlotDefaultSize(t *testing.T) {
	img := decodePNG(t, Render(samplePlot(t)))
	want := image.Pt(int(DefaultPlotWidth.Dots(plotDPI)+0.5), int(DefaultPlotHeight.Dots(plotDPI)+0.5))
	if got := img.Bounds().Size(); got != want {
		t.Fatalf("default plot is %v pixels, want %v", got, want)
	}
}

func TestImageRoundTrip(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	src := image.NewRGBA(image.Rect(0, 0, 10, 4))
	src.Set(3, 2, color.RGBA{R: 255, A: 255})
	Image(src)
	img := decodePNG(t, r.only(t))
	if img.Bounds().Size() != image.Pt(10, 4) {
		t.Fatalf("size %v, want 10x4", img.Bounds().Size())
	}
	if rr, _, _, _ := img.At(3, 2).RGBA(); rr != 0xffff {
		t.Fatalf("pixel (3,2) red = %#x, want full red", rr)
	}
}

func TestPublishFunctions(t *testing.T) {
	pngBytes := encodePNG(image.NewGray(image.Rect(0, 0, 8, 6)))
	tests := []struct {
		name string
		call func()
		mime string
		want any
	}{
		{"HTML", func() { HTML("<p>hi</p>") }, MIMEHTML, "<p>hi</p>"},
		{"Markdown", func() { Markdown("# hi") }, MIMEMarkdown, "# hi"},
		{"LaTeX", func() { LaTeX(`$x^2$`) }, MIMELaTeX, `$x^2$`},
		{"SVG", func() { SVG("<svg/>") }, MIMESVG, "<svg/>"},
		{"Text", func() { Text("hello") }, MIMEText, "hello"},
		{"PNG", func() { PNG(pngBytes) }, MIMEPNG, base64Std(pngBytes)},
		{"JPEG", func() { JPEG([]byte{1, 2}) }, MIMEJPEG, base64Std([]byte{1, 2})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			r.install(t, false)
			tt.call()
			d := r.only(t)
			if d.Data[tt.mime] != tt.want {
				t.Errorf("%s = %v, want %v", tt.mime, d.Data[tt.mime], tt.want)
			}
			if _, ok := d.Data[MIMEText].(string); !ok {
				t.Errorf("no text/plain in %v", keys(d))
			}
			if d.ID != "" || d.Update {
				t.Errorf("plain output has ID %q, Update %v", d.ID, d.Update)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	JSON(map[string]any{"epoch": 3, "acc": []float64{0.5, 0.9}})
	JSON(make(chan int))
	out := r.all()
	if len(out) != 2 {
		t.Fatalf("%d outputs, want 2", len(out))
	}
	tree, ok := out[0].Data[MIMEJSON].(map[string]any)
	if !ok || tree["epoch"] != 3.0 {
		t.Errorf("application/json = %#v, want a plain JSON object with epoch 3", out[0].Data[MIMEJSON])
	}
	if _, ok := out[1].Data[MIMEJSON]; ok {
		t.Error("an unencodable value still produced application/json")
	}
	if text := out[1].Data[MIMEText].(string); !strings.Contains(text, "display.JSON") {
		t.Errorf("error text %q does not say where it came from", text)
	}
}

func TestWithoutFrontendWritesText(t *testing.T) {
	prev := SetFrontend(Frontend{})
	defer SetFrontend(prev)
	var buf bytes.Buffer
	prevOut := fallbackOut // nil: os.Stdout
	fallbackOut = &buf
	defer func() { fallbackOut = prevOut }()

	Display(mat.NewDense(1, 2, []float64{5, 6}))
	HTML("<b>x</b>")
	Image(image.NewGray(image.Rect(0, 0, 2, 3)))
	got := buf.String()
	for _, want := range []string{"[5  6]", "<b>x</b>", "<PNG image 2x3>"} {
		if !strings.Contains(got, want) {
			t.Errorf("stdout %q lacks %q", got, want)
		}
	}
}

func TestClearOutput(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	ClearOutput(true)
	ClearOutput(false)
	if len(r.clears) != 2 || !r.clears[0] || r.clears[1] {
		t.Fatalf("clears = %v, want [true false]", r.clears)
	}
	SetFrontend(Frontend{})
	ClearOutput(true) // no frontend: must not panic
}

func TestHandleUpdateKeepsID(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	h := NewDisplay("epoch 1")
	h.Update("epoch 2")
	other := NewDisplay("other")
	out := r.all()
	if len(out) != 3 {
		t.Fatalf("%d outputs, want 3", len(out))
	}
	if out[0].ID == "" || out[0].ID != h.ID() || out[0].Update {
		t.Errorf("first output ID %q Update %v, want ID %q and no update", out[0].ID, out[0].Update, h.ID())
	}
	if out[1].ID != h.ID() || !out[1].Update || out[1].Data[MIMEText] != "epoch 2" {
		t.Errorf("update = %+v, want ID %q, Update, text epoch 2", out[1], h.ID())
	}
	if other.ID() == h.ID() {
		t.Error("two displays share an ID")
	}
}

func TestMatrixHTMLTruncates(t *testing.T) {
	tests := []struct {
		r, c           int
		rowGap, colGap bool
	}{
		{3, 4, false, false},
		{maxTableRows, maxTableCols, false, false},
		{maxTableRows + 1, 2, true, false},
		{2, 100, false, true},
		{500, 300, true, true},
	}
	for _, tt := range tests {
		m := mat.NewDense(tt.r, tt.c, nil)
		m.Set(tt.r-1, tt.c-1, 7.25)
		h := MatrixHTML(m)
		if err := xml.NewDecoder(strings.NewReader(strings.NewReplacer("&times;", "x", "&hellip;", "...", "&vellip;", ":").Replace(h))).Decode(new(any)); err != nil && err != io.EOF {
			t.Errorf("%dx%d: HTML is not well formed: %v", tt.r, tt.c, err)
		}
		if !strings.Contains(h, "7.25") {
			t.Errorf("%dx%d: last element missing", tt.r, tt.c)
		}
		if got := strings.Contains(h, "&vellip;"); got != tt.rowGap {
			t.Errorf("%dx%d: ellipsis row %v, want %v", tt.r, tt.c, got, tt.rowGap)
		}
		if got := strings.Contains(h, "&hellip;"); got != tt.colGap {
			t.Errorf("%dx%d: ellipsis column %v, want %v", tt.r, tt.c, got, tt.colGap)
		}
		wantRows := min(tt.r, maxTableRows) + b2i(tt.rowGap) + 1 // + header
		if got := strings.Count(h, "<tr>"); got != wantRows {
			t.Errorf("%dx%d: %d table rows, want %d", tt.r, tt.c, got, wantRows)
		}
		if shape := strings.Contains(h, "&times;"); !shape {
			t.Errorf("%dx%d: shape not shown", tt.r, tt.c)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
