using System.Runtime.CompilerServices;

namespace LandCarbon.Core.Simulation;

/// <summary>Settings of <see cref="RandomForest"/> (defaults: the mcPLUS LEAS sample set-up, 20 trees).</summary>
public sealed record RandomForestOptions
{
    /// <summary>Number of trees.</summary>
    public int Trees { get; init; } = 20;

    /// <summary>Features tried at each split; 0 = ⌈√F⌉.</summary>
    public int FeaturesPerSplit { get; init; }

    /// <summary>Maximum depth of a tree.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>A node with fewer samples than this is a leaf.</summary>
    public int MinSamplesSplit { get; init; } = 10;

    /// <summary>Candidate thresholds per feature (quantiles of the training sample).</summary>
    public int Bins { get; init; } = 64;

    /// <summary>Seed of the bootstraps and feature draws.</summary>
    public ulong Seed { get; init; } = Models.Seeds.Default;
}

/// <summary>
/// A binary random-forest classifier (Breiman 2001): each tree grows on a bootstrap sample, each split takes the
/// best Gini decrease over a random subset of features, with thresholds among up to <see cref="RandomForestOptions.Bins"/>
/// quantiles of each feature in the training sample. The forest's probability is the mean over trees of the
/// positive fraction of the leaf a sample reaches. Variable importance is the mean decrease in impurity (Gini
/// importance), normalised to sum 1. Trees draw their random numbers from <see cref="CounterRandom"/> keyed on
/// (seed, tree), so the forest is identical for any thread count. A missing feature value (NaN) goes right.
/// </summary>
public sealed class RandomForest
{
    private readonly Tree[] _trees;

    private RandomForest(Tree[] trees, double[] importance)
    {
        _trees = trees;
        Importance = importance;
    }

    /// <summary>Gini importance per feature (sums to 1 unless no split was made).</summary>
    public IReadOnlyList<double> Importance { get; }

    /// <summary>Number of features a sample has.</summary>
    public int FeatureCount => Importance.Count;

    /// <summary>A node: a split on <see cref="Feature"/> at threshold <see cref="Value"/> (children at <see cref="Left"/>
    /// and Left + 1), or a leaf (Feature −1) whose <see cref="Value"/> is the positive fraction. 12 bytes, so a
    /// prediction touches one cache line per level.</summary>
    private readonly record struct Node(int Feature, float Value, int Left);

    private sealed record Tree(Node[] Nodes, double[] Importance);

    /// <summary>
    /// Trains on <paramref name="samples"/> (row-major, <paramref name="featureCount"/> values per sample) with
    /// labels 0/1.
    /// </summary>
    public static RandomForest Train(float[] samples, int featureCount, bool[] labels, RandomForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        int n = labels.Length;
        if (n == 0) throw new ArgumentException("No training samples.", nameof(labels));
        if (samples.Length < (long)n * featureCount) throw new ArgumentException("Fewer feature values than samples × features.", nameof(samples));
        var thresholds = new float[featureCount][];
        var bins = new byte[(long)n * featureCount];   // bin index; 255 = NaN
        int maxBins = Math.Clamp(options.Bins, 2, 254);
        for (int f = 0; f < featureCount; f++)
        {
            var values = new List<float>(n);
            for (int i = 0; i < n; i++)
            {
                float v = samples[(long)i * featureCount + f];
                if (!float.IsNaN(v)) values.Add(v);
            }
            values.Sort();
            var t = new List<float>();
            for (int b = 1; b < maxBins && values.Count > 0; b++)
            {
                float q = values[(int)((long)b * (values.Count - 1) / maxBins)];
                if (t.Count == 0 || q > t[^1]) t.Add(q);
            }
            // A split "x ≤ t" needs a value above t; drop the top threshold when it equals the maximum.
            if (t.Count > 0 && values.Count > 0 && t[^1] >= values[^1]) t.RemoveAt(t.Count - 1);
            thresholds[f] = [.. t];
            for (int i = 0; i < n; i++)
            {
                float v = samples[(long)i * featureCount + f];
                bins[(long)i * featureCount + f] = float.IsNaN(v) ? (byte)255 : (byte)LowerBound(thresholds[f], v);
            }
        }
        int mtry = options.FeaturesPerSplit > 0 ? Math.Min(options.FeaturesPerSplit, featureCount) : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(featureCount)));
        var trees = new Tree[options.Trees];
        Parallel.For(0, options.Trees, t => trees[t] = GrowTree(bins, thresholds, featureCount, labels, mtry, options, (ulong)t));
        var importance = new double[featureCount];
        foreach (var t in trees)
            for (int f = 0; f < featureCount; f++) importance[f] += t.Importance[f];
        double total = importance.Sum();
        if (total > 0)
            for (int f = 0; f < featureCount; f++) importance[f] /= total;
        return new RandomForest(trees, importance);
    }

    /// <summary>Index of the first threshold ≥ v (the bin of v: x ≤ thresholds[b] holds for bins ≤ b).</summary>
    private static int LowerBound(float[] t, float v)
    {
        int lo = 0, hi = t.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (t[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static Tree GrowTree(byte[] bins, float[][] thresholds, int featureCount, bool[] labels, int mtry, RandomForestOptions o, ulong treeIndex)
    {
        int n = labels.Length;
        var rng = new CounterRandom(o.Seed, 0x7472656500000000UL | treeIndex);
        var index = new int[n];
        for (int i = 0; i < n; i++) index[i] = (int)rng.NextBelow((ulong)n);
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var value = new List<float>();
        var importance = new double[featureCount];
        var countAll = new int[256];
        var countPos = new int[256];
        var order = new int[featureCount];
        var stack = new Stack<(int Node, int Start, int End, int Depth)>();
        int NewNode()
        {
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            value.Add(0);
            return feature.Count - 1;
        }
        stack.Push((NewNode(), 0, n, 0));
        while (stack.Count > 0)
        {
            var (node, start, end, depth) = stack.Pop();
            int size = end - start, pos = 0;
            for (int i = start; i < end; i++) if (labels[index[i]]) pos++;
            value[node] = (float)pos / size;
            if (pos == 0 || pos == size || size < o.MinSamplesSplit || depth >= o.MaxDepth) continue;
            double parentGini = Gini(pos, size);
            double bestGain = 1e-12;
            int bestF = -1, bestBin = -1;
            for (int f = 0; f < featureCount; f++) order[f] = f;
            for (int k = 0; k < mtry; k++)
            {
                int pick = k + (int)rng.NextBelow((ulong)(featureCount - k));
                (order[k], order[pick]) = (order[pick], order[k]);
                int f = order[k];
                int nb = thresholds[f].Length;
                if (nb == 0) continue;
                Array.Clear(countAll);
                Array.Clear(countPos);
                for (int i = start; i < end; i++)
                {
                    int s = index[i];
                    int b = bins[(long)s * featureCount + f];
                    countAll[b]++;
                    if (labels[s]) countPos[b]++;
                }
                int la = 0, lp = 0;
                for (int b = 0; b < nb; b++)
                {
                    la += countAll[b];
                    lp += countPos[b];
                    int ra = size - la, rp = pos - lp;
                    if (la == 0 || ra == 0) continue;
                    double gain = parentGini - (la * Gini(lp, la) + ra * Gini(rp, ra)) / size;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestF = f;
                        bestBin = b;
                    }
                }
            }
            if (bestF < 0) continue;
            importance[bestF] += bestGain * size;
            // Partition [start, end) so that samples with bin ≤ bestBin come first.
            int a = start, z = end - 1;
            while (a <= z)
            {
                if (bins[(long)index[a] * featureCount + bestF] <= bestBin) a++;
                else
                {
                    (index[a], index[z]) = (index[z], index[a]);
                    z--;
                }
            }
            feature[node] = bestF;
            threshold[node] = thresholds[bestF][bestBin];
            int l = NewNode(), r = NewNode();
            left[node] = l;
            right[node] = r;
            stack.Push((r, a, end, depth + 1));
            stack.Push((l, start, a, depth + 1));
        }
        var nodes = new Node[feature.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            if (feature[i] >= 0 && right[i] != left[i] + 1) throw new InvalidOperationException("Children are not adjacent.");
            nodes[i] = new Node(feature[i], feature[i] >= 0 ? threshold[i] : value[i], left[i]);
        }
        return new Tree(nodes, importance);
    }

    private static double Gini(int pos, int size)
    {
        double p = (double)pos / size;
        return 2 * p * (1 - p);
    }

    /// <summary>
    /// The forest's probability (as <see cref="Predict"/>) of each of <paramref name="count"/> samples stored
    /// row-major in <paramref name="x"/> (<see cref="FeatureCount"/> values each), skipping those whose
    /// <paramref name="skip"/> is true. Tree by tree over the samples, so a tree stays in cache; each sample's sum
    /// runs over the trees in the same order as <see cref="Predict"/>, so the results are identical. A tree walk is
    /// a chain of dependent loads (node, feature, next node): four samples walk a tree side by side so that their
    /// chains overlap (issue 17: the prediction phase at 64 Mpx).
    /// </summary>
    public void PredictMany(ReadOnlySpan<float> x, int count, ReadOnlySpan<bool> skip, Span<double> probability)
    {
        int nf = FeatureCount;
        probability[..count].Clear();
        var rented = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            int active = 0;
            for (int s = 0; s < count; s++) if (!skip[s]) rented[active++] = s;
            var samples = rented.AsSpan(0, active);
            foreach (var t in _trees)
            {
                var nodes = t.Nodes;
                int q = 0;
                for (; q + 4 <= active; q += 4)
                {
                    int s0 = samples[q], s1 = samples[q + 1], s2 = samples[q + 2], s3 = samples[q + 3];
                    int i0 = Walk(nodes, x.Slice(s0 * nf, nf), x.Slice(s1 * nf, nf), x.Slice(s2 * nf, nf), x.Slice(s3 * nf, nf), out int i1, out int i2, out int i3);
                    probability[s0] += nodes[i0].Value;
                    probability[s1] += nodes[i1].Value;
                    probability[s2] += nodes[i2].Value;
                    probability[s3] += nodes[i3].Value;
                }
                for (; q < active; q++)
                {
                    int s = samples[q];
                    probability[s] += nodes[Leaf(nodes, x.Slice(s * nf, nf))].Value;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
        for (int s = 0; s < count; s++) probability[s] /= _trees.Length;
    }

    /// <summary>The leaf (node index) sample <paramref name="row"/> reaches in a tree.</summary>
    private static int Leaf(Node[] nodes, ReadOnlySpan<float> row)
    {
        int i = 0;
        for (var n = nodes[0]; n.Feature >= 0; n = nodes[i])
            i = Next(n, row);
        return i;
    }

    /// <summary>The child of split <paramref name="n"/> that <paramref name="row"/> goes to: left when its feature is
    /// ≤ the threshold, else (also when it is NaN) right. Without a branch: the comparison is a coin toss to the
    /// branch predictor.</summary>
    private static int Next(Node n, ReadOnlySpan<float> row) => n.Left + Unsafe.BitCast<bool, byte>(!(row[n.Feature] <= n.Value));

    /// <summary>The leaves four samples reach in a tree, walked in step (each as <see cref="Leaf"/>): the leaf of
    /// <paramref name="r0"/> is returned, the others' come out in <paramref name="i1"/>…<paramref name="i3"/>.</summary>
    private static int Walk(Node[] nodes, ReadOnlySpan<float> r0, ReadOnlySpan<float> r1, ReadOnlySpan<float> r2, ReadOnlySpan<float> r3,
        out int i1, out int i2, out int i3)
    {
        int i0 = 0;
        i1 = i2 = i3 = 0;
        Node n0 = nodes[0], n1 = n0, n2 = n0, n3 = n0;
        while ((n0.Feature & n1.Feature & n2.Feature & n3.Feature) >= 0)
        {
            // A walker at its leaf (Feature −1) stays there while the others go on.
            if (n0.Feature >= 0) n0 = nodes[i0 = Next(n0, r0)];
            if (n1.Feature >= 0) n1 = nodes[i1 = Next(n1, r1)];
            if (n2.Feature >= 0) n2 = nodes[i2 = Next(n2, r2)];
            if (n3.Feature >= 0) n3 = nodes[i3 = Next(n3, r3)];
        }
        return i0;
    }

    /// <summary>The forest's probability of the positive class for one sample.</summary>
    public double Predict(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var t in _trees) sum += t.Nodes[Leaf(t.Nodes, x)].Value;
        return sum / _trees.Length;
    }
}
