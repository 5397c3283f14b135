using System.Globalization;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Tests.LandUseChange;

/// <summary>
/// The change analysis on the real Wuhan 30 m rasters (../shared/data/lulc-wuhan-30m) with the 7 source classes
/// and the coefficients of tests/data/cases/change/wuhan_classes.csv: the transition table reproduces the GDAL/numpy
/// REFERENCE counts and every check holds for every interval.
/// </summary>
public class WuhanChangeTests
{
    private static readonly int[] Years = [2003, 2005, 2010, 2013];

    [Fact]
    public void Transitions_ReproduceReference_AndAllChecksHold()
    {
        string dir = Path.GetDirectoryName(TestData.Shared("lulc-wuhan-30m/wh2003_refy.tif"))!;
        var coef = File.ReadAllLines(TestData.Repo("cases/change/wuhan_classes.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => double.Parse(p[3], CultureInfo.InvariantCulture));
        // Each year is decoded once into memory so the eight passes do not decode LZW again (test speed only).
        var readers = Years.ToDictionary(y => y, y => InMemory(Path.Combine(dir, $"wh{y}_refy.tif")));
        try
        {
            var options = new ChangeAnalysisOptions { ClassCodeCount = 8 };
            var tiles = new TileOptions();
            var results = new List<IntervalChange>();
            var pairs = Years.Zip(Years.Skip(1)).Append((Years[0], Years[^1]));
            foreach (var (y1, y2) in pairs)
            {
                var inputs = new IntervalInputs(y1, y2, readers[y1], readers[y2],
                    new CbiFromClasses(readers[y1], coef), new CbiFromClasses(readers[y2], coef));
                results.Add(IntervalChangeAnalyzer.Run(inputs, options, tiles, sink: null));
            }
            string outDir = TestData.TempDir();
            ChangeTables.WriteChecksAndEnsure(results, Path.Combine(outDir, "checks.csv")); // throws on any failure

            var whole = results.Single(r => r.FromYear == 2003 && r.ToYear == 2013);
            var reference = File.ReadAllLines(Path.Combine(dir, "REFERENCE_transition_counts_2003_2013.csv")).Skip(1)
                .Select(l => l.Split(',')).ToArray();
            foreach (var row in reference)
            {
                int from = int.Parse(row[0], CultureInfo.InvariantCulture);
                for (int to = 1; to <= 7; to++)
                {
                    long expected = long.Parse(row[to], CultureInfo.InvariantCulture);
                    long actual = whole.Transitions.SingleOrDefault(t => t.From == from && t.To == to)?.Pixels ?? 0;
                    Assert.True(expected == actual, $"{from}→{to}: reference {expected}, LandCarbon {actual}");
                }
            }
            Assert.Equal(whole.Transitions.Count, reference.Sum(r => r.Skip(1).Count(v => v != "0")));
            // Class pixels of each year (counted independently) equal the reference histogram.
            var classCounts = File.ReadAllLines(Path.Combine(dir, "REFERENCE_class_pixel_counts.csv")).Skip(1).Select(l => l.Split(','))
                .Where(p => p[3] != "nodata" && p[0].StartsWith("wh", StringComparison.Ordinal))
                .ToDictionary(p => (int.Parse(p[0][2..6], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)), p => long.Parse(p[2], CultureInfo.InvariantCulture));
            foreach (var r in results)
                foreach (var c in r.Classes)
                {
                    Assert.Equal(classCounts[(r.FromYear, c.Class)], c.YearPixelsFrom);
                    Assert.Equal(classCounts[(r.ToYear, c.Class)], c.YearPixelsTo);
                }
            // Urban expansion dominates the increment and is a source intensification (cropland 0.422 → urban 50).
            var top = whole.Contributions.Where(c => c.Space == SpaceKind.IncrementSpace && c.Grade == 0).MaxBy(c => c.DeltaTonnesC)!;
            Assert.Equal((3, 4), (top.From, top.To));
            Assert.True(whole.OffsetRatio < 1);
        }
        finally
        {
            foreach (var r in readers.Values) r.Dispose();
        }
    }

    private static IRasterReader InMemory(string path)
    {
        using var r = GeoTiffReader.Open(path);
        var codes = new double[r.Grid.PixelCount];
        var buffer = new int[r.Grid.Width];
        for (int row = 0; row < r.Grid.Height; row++)
        {
            r.Read<int>(new PixelWindow(0, row, r.Grid.Width, 1), buffer);
            for (int c = 0; c < buffer.Length; c++) codes[(long)row * r.Grid.Width + c] = buffer[c];
        }
        return new ArrayRaster(path, r.Grid, r.DataType, codes, r.NoData, 128, 128);
    }

    /// <summary>CBI (t C/yr) = coefficient of the pixel's class × pixel area in ha; nodata → NaN.</summary>
    private sealed class CbiFromClasses(IRasterReader classes, IReadOnlyDictionary<int, double> coefficient) : IRasterReader
    {
        public string Path => classes.Path + " (CBI)";
        public GridSpec Grid => classes.Grid;
        public RasterDataType DataType => RasterDataType.Float32;
        public double? NoData => null;
        public int BlockWidth => classes.BlockWidth;
        public int BlockHeight => classes.BlockHeight;
        public ColorTable? ColorTable => null;
        public void Dispose() { }

        public void Read<T>(PixelWindow window, Span<T> destination) where T : unmanaged
        {
            if (typeof(T) != typeof(float)) throw new NotSupportedException();
            var codes = new int[window.PixelCount];
            classes.Read<int>(window, codes);
            var dest = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination);
            double ha = classes.Grid.PixelAreaHa;
            for (int i = 0; i < codes.Length; i++)
                dest[i] = coefficient.TryGetValue(codes[i], out double c) ? (float)(c * ha) : float.NaN;
        }
    }
}
