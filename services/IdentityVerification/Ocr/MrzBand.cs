using OpenCvSharp;

namespace Municipal.IdentityVerification.Ocr;

/// <summary>
/// Finds the machine-readable zone in a webcam still: the two or three longest text lines, of about equal
/// length, stacked closely. Returns the band turned level by the angle of those lines, so that Tesseract (which
/// reads level lines well and tilted ones badly) sees it as if scanned.
/// </summary>
public sealed class MrzBand(Point2f center, double angle, Size2f size, int lines)
{
    /// <summary>The measured tilt of the MRZ lines in degrees (positive: clockwise in image coordinates).</summary>
    public double Angle => angle;

    public int Lines => lines;

    /// <summary>
    /// Widths at which lines are looked for, in turn until one finds a band: the kernels below are sized for the
    /// characters of a card filling a 1280 px frame seen at 1000 px; a card in a 640×480 frame needs a smaller work
    /// image for its characters to have that size, one in a full-HD frame a larger one.
    /// </summary>
    private static readonly int[] WorkWidths = [1000, 1500, 700, 500, 420];

    public static List<MrzBand> Find(Mat gray)
    {
        foreach (var width in WorkWidths)
        {
            var bands = Find(gray, width);
            if (bands.Count > 0) return bands;
        }
        return [];
    }

    private static List<MrzBand> Find(Mat gray, int workWidth)
    {
        var scale = (double)workWidth / gray.Width;
        using var work = new Mat();
        Cv2.Resize(gray, work, new Size(workWidth, (int)Math.Round(gray.Height * scale)), interpolation: scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Cubic);

        // Dark strokes on a light card: the black-hat keeps what is darker than its surroundings and thinner than
        // the kernel, so photo, desk and shadows drop out while characters stay.
        using var blackHat = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(21, 9)))
        {
            Cv2.MorphologyEx(work, blackHat, MorphTypes.BlackHat, kernel);
        }
        // Characters in a row fuse into one blob per line; the vertical extent stays that of a line.
        using var mask = new Mat();
        Cv2.Threshold(blackHat, mask, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        using (var close = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(17, 3)))
        using (var open = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3)))
        {
            Cv2.MorphologyEx(mask, mask, MorphTypes.Open, open);
            Cv2.MorphologyEx(mask, mask, MorphTypes.Close, close);
        }

        Cv2.FindContours(mask, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var textLines = contours
            .Select(Line.Of)
            .Where(l => l.Length >= workWidth * 0.2 && l.Length >= 8 * l.Height && Math.Abs(l.Angle) <= 12)
            .OrderBy(l => l.Center.Y)
            .ToList();

        // Runs of 2 or 3 lines as long as each other, at the same tilt, one line height apart.
        var bands = new List<(double Length, MrzBand Band)>();
        for (var i = 0; i < textLines.Count; i++)
        {
            foreach (var count in new[] { 3, 2 })
            {
                if (i + count > textLines.Count) continue;
                var run = textLines.GetRange(i, count);
                var longest = run.Max(l => l.Length);
                var height = run.Average(l => l.Height);
                var fits = run.All(l => l.Length >= longest * 0.85 && Math.Abs(l.Angle - run[0].Angle) <= 2)
                    && run.Zip(run.Skip(1)).All(p => Distance(p.First.Center, p.Second.Center) is var d && d >= height * 1.1 && d <= height * 3.2);
                if (!fits) continue;
                var tilt = run.Select(l => l.Angle).Order().ElementAt(count / 2);
                var center = new Point2f(run.Average(l => l.Center.X), run.Average(l => l.Center.Y));
                var span = Distance(run[0].Center, run[^1].Center) + height;
                var band = new MrzBand(
                    new Point2f((float)(center.X / scale), (float)(center.Y / scale)), tilt,
                    new Size2f(longest / scale, span / scale), count);
                bands.Add((longest * count, band));
                break;
            }
        }
        return bands.OrderByDescending(b => b.Length).Select(b => b.Band).Take(2).ToList();
    }

    /// <summary>
    /// The band turned level (plus <paramref name="extraDegrees"/>), cut out with a margin, enlarged so a
    /// character is about 32 px high and binarised with Otsu: black text on white, as Tesseract expects.
    /// </summary>
    public Mat Level(Mat gray, double extraDegrees, bool binarise = true)
    {
        var lineHeight = size.Height / Math.Max(lines, 1) / 1.6;
        var zoom = Math.Clamp(32 / Math.Max(lineHeight, 1), 1, 4);
        var margin = new Size2f(size.Height / lines * 1.2f, size.Height / lines * 0.5f);
        var cut = new Size((int)Math.Round((size.Width + 2 * margin.Width) * zoom), (int)Math.Round((size.Height + 2 * margin.Height) * zoom));

        // One affine map: rotate about the band's centre, scale, and move that centre to the middle of the cut.
        using var rotation = Cv2.GetRotationMatrix2D(center, angle + extraDegrees, zoom);
        rotation.Set(0, 2, rotation.At<double>(0, 2) + cut.Width / 2.0 - center.X);
        rotation.Set(1, 2, rotation.At<double>(1, 2) + cut.Height / 2.0 - center.Y);
        var level = new Mat();
        Cv2.WarpAffine(gray, level, rotation, cut, InterpolationFlags.Cubic, BorderTypes.Replicate);

        // Smooth the sensor noise before the threshold so fillers do not fray into C-shapes.
        Cv2.GaussianBlur(level, level, new Size(0, 0), zoom * 0.6);
        if (binarise) Cv2.Threshold(level, level, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        else Cv2.Normalize(level, level, 0, 255, NormTypes.MinMax);
        Cv2.CopyMakeBorder(level, level, 16, 16, 16, 16, BorderTypes.Constant, Scalar.White);
        return level;
    }

    /// <summary>
    /// Which character cells of a levelled band (<see cref="Level"/>) hold a filler by its shape: OCR-B's '&lt;' is
    /// a chevron whose left end is a point at mid-height, where K, C, E, R, S, X and G reach the top and the bottom.
    /// Tesseract's English model reads that chevron as K or C; the shape settles it. Null when the band's lines or
    /// characters cannot be told apart. The cells are placed at the MRZ's fixed pitch between the first and last glyph.
    /// </summary>
    public static bool[][]? FillerCells(Mat level, int lineCount, int length)
    {
        using var ink = new Mat();
        Cv2.Threshold(level, ink, 128, 255, ThresholdTypes.BinaryInv);
        var rows = Enumerable.Range(0, ink.Rows).Select(r => Cv2.CountNonZero(ink.Row(r))).ToArray();
        var runs = new List<(int From, int To)>();
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] <= 2) continue;
            var from = r;
            while (r < rows.Length && rows[r] > 2) r++;
            if (r - from >= 8) runs.Add((from, r - 1));
        }
        // The card's edge or a field above may add a run: the MRZ is the window of lines most alike in height.
        if (runs.Count < lineCount) return null;
        runs = Enumerable.Range(0, runs.Count - lineCount + 1)
            .Select(i => runs.GetRange(i, lineCount))
            .MinBy(w => w.Max(r => r.To - r.From) - w.Min(r => r.To - r.From))!;

        var cells = new bool[lineCount][];
        for (var l = 0; l < lineCount; l++)
        {
            var (top, bottom) = runs[l];
            using var line = new Mat(ink, new Rect(0, top, ink.Cols, bottom - top + 1));
            Cv2.FindContours(line, out var glyphs, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
            var boxes = glyphs.Select(Cv2.BoundingRect).Where(b => b.Height >= (bottom - top) / 3).OrderBy(b => b.X).ToList();
            if (boxes.Count < length / 2) return null;
            var first = boxes[0].X + boxes[0].Width / 2.0;
            var last = boxes[^1].X + boxes[^1].Width / 2.0;
            var pitch = (last - first) / (length - 1);
            cells[l] = new bool[length];
            for (var k = 0; k < length; k++)
            {
                var x0 = (int)Math.Round(first + (k - 0.45) * pitch);
                var x1 = (int)Math.Round(first + (k + 0.45) * pitch);
                x0 = Math.Clamp(x0, 0, line.Cols - 1);
                x1 = Math.Clamp(x1, x0 + 1, line.Cols);
                using var cell = new Mat(line, new Rect(x0, 0, x1 - x0, line.Rows));
                cells[l][k] = IsChevron(cell);
            }
        }
        return cells;
    }

    private static bool IsChevron(Mat cell)
    {
        using var points = new Mat();
        Cv2.FindNonZero(cell, points);
        if (points.Empty()) return false;
        var box = Cv2.BoundingRect(points);
        if (box.Width < 4 || box.Height < 6) return false;
        using var glyph = new Mat(cell, box);
        // Left fifth: only the chevron's point, around mid-height (K, E and R have a stem; C, G, S and X reach up and down).
        if (InkRows(glyph, 0, Math.Max(1, box.Width / 5)) is not var (top, bottom) || top < 0.2 * box.Height || bottom > 0.8 * box.Height) return false;
        // Middle: the two arms, well inside the height (C, G and S run along the top and bottom there).
        if (InkRows(glyph, box.Width * 9 / 20, Math.Max(1, box.Width / 10)) is not var (mTop, mBottom) || mTop < 0.08 * box.Height || mBottom > 0.92 * box.Height) return false;
        // Right quarter: the arms' ends, nothing at mid-height.
        var edge = Math.Max(1, box.Width / 4);
        using var right = new Mat(glyph, new Rect(box.Width - edge, (int)(box.Height * 0.4), edge, Math.Max(1, (int)(box.Height * 0.2))));
        return Cv2.CountNonZero(right) == 0;
    }

    /// <summary>The first and last row holding ink in a strip of columns, or null for an empty strip.</summary>
    private static (int Top, int Bottom)? InkRows(Mat glyph, int from, int width)
    {
        using var strip = new Mat(glyph, new Rect(from, 0, Math.Min(width, glyph.Cols - from), glyph.Rows));
        using var ink = new Mat();
        Cv2.FindNonZero(strip, ink);
        if (ink.Empty()) return null;
        var box = Cv2.BoundingRect(ink);
        return (box.Y, box.Y + box.Height - 1);
    }

    private static double Distance(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private readonly record struct Line(Point2f Center, double Length, double Height, double Angle)
    {
        public static Line Of(Point[] contour)
        {
            var box = Cv2.MinAreaRect(contour);
            var points = box.Points();
            // The long side gives the direction, whatever OpenCV's convention for the rectangle's angle.
            var (a, b, c) = (points[0], points[1], points[2]);
            var first = Distance(a, b);
            var second = Distance(b, c);
            var (from, to) = first >= second ? (a, b) : (b, c);
            var degrees = Math.Atan2(to.Y - from.Y, to.X - from.X) * 180 / Math.PI;
            if (degrees > 90) degrees -= 180;
            if (degrees < -90) degrees += 180;
            return new Line(box.Center, Math.Max(first, second), Math.Min(first, second), degrees);
        }
    }
}
