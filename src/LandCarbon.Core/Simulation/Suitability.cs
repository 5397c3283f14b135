using LandCarbon.Core.Models;

namespace LandCarbon.Core.Simulation;

/// <summary>Size of the simulated grid and its pixel size in metres.</summary>
public sealed record SimulationGrid(int Width, int Height, double PixelWidthM, double PixelHeightM)
{
    /// <summary>Number of pixels.</summary>
    public long PixelCount => (long)Width * Height;
}

/// <summary>Settings of the suitability model (LEAS).</summary>
public sealed record SuitabilityOptions
{
    /// <summary>The random forest of each class.</summary>
    public RandomForestOptions Forest { get; init; } = new();

    /// <summary>At most this many expansion pixels and this many non-expansion pixels are sampled per class.</summary>
    public int SamplesPerLabel { get; init; } = 5000;

    /// <summary>Radius r of the (2r+1)×(2r+1) window of the neighbourhood-share drivers.</summary>
    public int ShareRadius { get; init; } = 2;

    /// <summary>Threads for the driver computation and prediction (results do not depend on it).</summary>
    public int Threads { get; init; } = 1;
}

/// <summary>The random forest of one class: its drivers' importance and training sample sizes.</summary>
public sealed record ClassSuitability(int Class, RandomForest Forest, long ExpansionPixels, int PositiveSamples, int NegativeSamples);

/// <summary>
/// The land-expansion analysis of PLUS (LEAS; Liang et al. 2021): for each class k, the pixels that became k
/// during the calibration interval (expansion) against all other valid pixels, sampled with a seeded hash of the
/// pixel (at most <see cref="SuitabilityOptions.SamplesPerLabel"/> of each), with the drivers of the map at the
/// start of the interval; a random forest per class gives the development probability P_k of every pixel of a
/// later map from that map's drivers.
/// </summary>
public sealed class SuitabilityModel
{
    private SuitabilityModel(IReadOnlyList<string> driverNames, IReadOnlyList<ClassSuitability> classes, SuitabilityOptions options)
    {
        DriverNames = driverNames;
        Classes = classes;
        Options = options;
    }

    /// <summary>Names of the drivers, in the order of each forest's importance.</summary>
    public IReadOnlyList<string> DriverNames { get; }

    /// <summary>The forest of each class that expanded in the calibration interval.</summary>
    public IReadOnlyList<ClassSuitability> Classes { get; }

    /// <summary>The settings used.</summary>
    public SuitabilityOptions Options { get; }

    /// <summary>Trains on the change <paramref name="from"/> → <paramref name="to"/> (class values, 0 = nodata).</summary>
    public static SuitabilityModel Train(SimulationGrid grid, byte[] from, byte[] to, IReadOnlyList<int> classValues,
        Func<int, string> className, IReadOnlyList<StaticDriver> drivers, SuitabilityOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(classValues);
        ArgumentNullException.ThrowIfNull(options);
        DriverStack stack;
        using (PhaseProfile.Measure("drivers")) stack = DriverStack.Build(grid, from, classValues, className, drivers, options.ShareRadius, options.Threads);
        int nf = stack.Count;
        var result = new List<ClassSuitability>();
        foreach (int k in classValues)
        {
            var sampling = PhaseProfile.Measure("sampling");
            long pos = 0, neg = 0;
            for (long i = 0; i < from.Length; i++)
            {
                if (from[i] == 0 || to[i] == 0) continue;
                if (from[i] != k && to[i] == k) pos++; else neg++;
            }
            if (pos == 0 || neg == 0)
            {
                sampling.Dispose();
                continue;
            }
            double rp = Math.Min(1.0, options.SamplesPerLabel / (double)pos), rn = Math.Min(1.0, options.SamplesPerLabel / (double)neg);
            var x = new List<float>();
            var y = new List<bool>();
            var buffer = new float[nf];
            for (long i = 0; i < from.Length; i++)
            {
                if (from[i] == 0 || to[i] == 0) continue;
                bool expansion = from[i] != k && to[i] == k;
                if (CounterRandom.At(seed, 0x5A4D000000UL + (ulong)k, (ulong)i) >= (expansion ? rp : rn)) continue;
                stack.Gather(i, buffer);
                x.AddRange(buffer);
                y.Add(expansion);
            }
            int np = y.Count(v => v);
            sampling.Dispose();
            RandomForest forest;
            using (PhaseProfile.Measure("training"))
                forest = RandomForest.Train([.. x], nf, [.. y], options.Forest with { Seed = CounterRandom.Hash(seed, 0x464F524553540000UL, (ulong)k) });
            result.Add(new ClassSuitability(k, forest, pos, np, y.Count - np));
        }
        return new SuitabilityModel(stack.Names, result, options);
    }

    /// <summary>The forest of class <paramref name="k"/>, or null when the class did not expand in the calibration interval.</summary>
    public ClassSuitability? For(int k) => Classes.FirstOrDefault(c => c.Class == k);

    /// <summary>
    /// Development probabilities of the map <paramref name="current"/> for the classes <paramref name="wanted"/>:
    /// per class an array of P_k quantised to 1/65535 (0 where the pixel is nodata, already of class k, of a class
    /// outside <paramref name="donors"/> (when given), or <paramref name="convertible"/> is false). A class without
    /// a forest gets a uniform 0.5 where convertible, so only the neighbourhood decides where it grows.
    /// </summary>
    public IReadOnlyDictionary<int, ushort[]> Predict(SimulationGrid grid, byte[] current, IReadOnlyList<int> classValues,
        Func<int, string> className, IReadOnlyList<StaticDriver> drivers, IReadOnlyCollection<int> wanted, Func<long, bool> convertible,
        IReadOnlyCollection<int>? donors = null)
    {
        var isDonor = new bool[256];
        for (int k = 0; k < 256; k++) isDonor[k] = k != 0 && (donors is null || donors.Contains(k));
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(convertible);
        DriverStack stack;
        using (PhaseProfile.Measure("drivers")) stack = DriverStack.Build(grid, current, classValues, className, drivers, Options.ShareRadius, Options.Threads);
        using var predicting = PhaseProfile.Measure("prediction");
        var output = new SortedDictionary<int, ushort[]>();
        foreach (int k in wanted.Order()) output[k] = new ushort[current.Length];
        // Plain arrays per class value: the inner loop allocates nothing.
        int[] classes = [.. output.Keys];
        ushort[][] targets = [.. output.Values];
        RandomForest?[] forests = [.. classes.Select(k => For(k)?.Forest)];
        var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.Threads) };
        // Row by row: the row's candidate pixels' drivers, then each forest tree by tree over them (RandomForest.PredictMany).
        int nf = stack.Count, w = grid.Width;
        Parallel.For(0, grid.Height, po, () => new RowScratch(w, nf), (r, _, s) =>
        {
            long o = (long)r * w;
            int count = 0;
            for (int c = 0; c < w; c++)
            {
                long i = o + c;
                if (!isDonor[current[i]] || !convertible(i)) continue;
                s.Index[count] = i;
                stack.Gather(i, s.X.AsSpan(count * nf, nf));
                count++;
            }
            if (count == 0) return s;
            for (int m = 0; m < classes.Length; m++)
            {
                var forest = forests[m];
                for (int q = 0; q < count; q++) s.Skip[q] = current[s.Index[q]] == classes[m];
                if (forest is null)
                {
                    for (int q = 0; q < count; q++) if (!s.Skip[q]) targets[m][s.Index[q]] = 32768;
                    continue;
                }
                forest.PredictMany(s.X, count, s.Skip, s.P);
                for (int q = 0; q < count; q++) if (!s.Skip[q]) targets[m][s.Index[q]] = (ushort)Math.Round(s.P[q] * 65535);
            }
            return s;
        }, _ => { });
        return output;
    }

    private sealed class RowScratch(int width, int features)
    {
        public readonly float[] X = new float[(long)width * features];
        public readonly long[] Index = new long[width];
        public readonly bool[] Skip = new bool[width];
        public readonly double[] P = new double[width];
    }
}
