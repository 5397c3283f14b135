using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace LandCarbon.Core.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from the compiled assembly (type signatures, base types,
/// attributes, locals and every token in every method body), united with the <c>using</c> directives of the sources
/// (a constant or a <c>nameof</c> leaves no token in IL). Shared by the architecture tests and
/// <c>scripts/namespace-graph.sh</c>, so the printed graph and the tested graph are the same graph.
/// </summary>
public sealed partial class NamespaceGraph
{
    /// <summary>Edges "from → to" between namespaces relative to the root (e.g. "Risk" → "Zonal"), each with one
    /// example of what makes the edge (a type of <c>from</c> and the type of <c>to</c> it uses, or a using).</summary>
    public IReadOnlyDictionary<(string From, string To), string> Edges { get; }

    /// <summary>For each namespace, the other assemblies (by name) its types use.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Assemblies { get; private init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>Every namespace that declares at least one type.</summary>
    public IReadOnlyList<string> Namespaces { get; }

    private NamespaceGraph(Dictionary<(string, string), string> edges, IEnumerable<string> namespaces)
    {
        Edges = edges;
        Namespaces = [.. namespaces.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The stage interface of the run, and the namespace its implementations count in (see
    /// <see cref="Build"/>).</summary>
    public const string StageInterface = "IPipelineStage", StageNamespace = "Pipeline.Stages";

    /// <summary>
    /// The graph of the namespaces under <paramref name="root"/> in <paramref name="assemblyPath"/>, plus the using
    /// directives of the .cs files under <paramref name="sourceDirectory"/> (null: IL only). A type implementing
    /// <see cref="StageInterface"/> (a stage of the run: a thin adapter between the study, the run context and one
    /// module's model) counts in <see cref="StageNamespace"/> wherever its file lies, and so do the usings of its file.
    /// </summary>
    public static NamespaceGraph Build(string assemblyPath, string root, string? sourceDirectory)
    {
        var edges = new Dictionary<(string, string), string>();
        var namespaces = new List<string>();
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var collector = new Collector(md);
        var assemblies = new Dictionary<string, IReadOnlySet<string>>();
        var stageNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var th in md.TypeDefinitions)
        {
            if (IsStage(md, th)) stageNames.Add(md.GetString(md.GetTypeDefinition(th).Name));
            string? from = IsStage(md, Outermost(md, th)) ? StageNamespace : Relative(NamespaceOf(md, th), root);
            if (from is null) continue;
            var td = md.GetTypeDefinition(th);
            namespaces.Add(from);
            var used = new HashSet<TypeDefinitionHandle>();
            if (!assemblies.TryGetValue(from, out var external)) assemblies[from] = external = new HashSet<string>();
            collector.External = (HashSet<string>)external;
            collector.Type(td, used, pe);
            foreach (var u in used)
            {
                string? to = IsStage(md, Outermost(md, u)) ? StageNamespace : Relative(NamespaceOf(md, u), root);
                if (to is null || to == from) continue;
                edges.TryAdd((from, to), $"{Name(md, th)} uses {Name(md, u)}");
            }
        }
        if (sourceDirectory is not null)
        {
            foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories))
            {
                string rel = Path.GetRelativePath(sourceDirectory, file).Replace('\\', '/');
                if (rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal)) continue;
                string text = File.ReadAllText(file);
                var ns = FileNamespace().Match(text);
                // A stage's file, or a file of a partial stage class (its other parts), counts as the stage.
                bool stage = StageDeclaration().IsMatch(text)
                    || PartialClass().Matches(text).Any(m => stageNames.Contains(m.Groups[1].Value));
                string? from = !ns.Success ? null : stage ? StageNamespace : Relative(ns.Groups[1].Value, root);
                if (from is null) continue;
                foreach (Match u in UsingDirective().Matches(text))
                {
                    string target = u.Groups[1].Value;   // a `using static` names a type: keep its namespace
                    while (target.Contains('.', StringComparison.Ordinal) && Relative(target, root) is { } r && !namespaces.Contains(r))
                        target = target[..target.LastIndexOf('.')];
                    string? to = Relative(target, root);
                    if (to is null || to == from) continue;
                    edges.TryAdd((from, to), $"{rel}: using {u.Groups[1].Value}");
                }
            }
        }
        return new NamespaceGraph(edges, namespaces) { Assemblies = assemblies };
    }

    /// <summary>The namespaces <paramref name="from"/> uses, sorted.</summary>
    public IEnumerable<string> Uses(string from) => Edges.Keys.Where(e => e.From == from).Select(e => e.To).Order(StringComparer.Ordinal);

    /// <summary>One line per namespace: "A → B, C".</summary>
    public string Format() => string.Join("\n", Namespaces.Select(n => $"{n} → {string.Join(", ", Uses(n))}")) + "\n";

    /// <summary>Every edge with the example that makes it: "A → B: why".</summary>
    public string FormatWhy() => string.Join("\n", Edges.OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
        .Select(e => $"{e.Key.From} → {e.Key.To}: {e.Value}")) + "\n";

    /// <summary>The graph with each namespace folded to its first segment (Raster.GeoTiff → Raster).</summary>
    public NamespaceGraph Modules()
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var ((f, t), why) in Edges.OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal))
        {
            string mf = Module(f), mt = Module(t);
            if (mf != mt) edges.TryAdd((mf, mt), why);
        }
        return new NamespaceGraph(edges, Namespaces.Select(Module));
    }

    /// <summary>A graph of just these edges.</summary>
    public static NamespaceGraph FromEdges(IEnumerable<(string From, string To)> edges)
    {
        var e = edges.Distinct().ToDictionary(x => x, _ => "");
        return new NamespaceGraph(e, e.Keys.SelectMany(x => new[] { x.From, x.To }));
    }

    /// <summary>The first segment of a relative namespace (the stages count in Pipeline).</summary>
    public static string Module(string ns) => ns.Split('.')[0];

    /// <summary>Every cycle's strongly connected component (more than one namespace), each sorted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        // Tarjan's strongly connected components.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var on = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        int next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            on.Add(v);
            foreach (var w in Uses(v))
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (on.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var scc = new List<string>();
            string x;
            do { x = stack.Pop(); on.Remove(x); scc.Add(x); } while (x != v);
            if (scc.Count > 1) result.Add([.. scc.Order(StringComparer.Ordinal)]);
        }
        foreach (var n in Namespaces.Concat(Edges.Keys.Select(e => e.To)).Distinct().Order(StringComparer.Ordinal))
            if (!index.ContainsKey(n)) Visit(n);
        return result;
    }

    private static string? Relative(string ns, string root) =>
        ns == root ? "(root)" : ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..] : null;

    private static string NamespaceOf(MetadataReader md, TypeDefinitionHandle h) => md.GetString(md.GetTypeDefinition(Outermost(md, h)).Namespace);

    private static TypeDefinitionHandle Outermost(MetadataReader md, TypeDefinitionHandle h)
    {
        while (md.GetTypeDefinition(h).GetDeclaringType() is { IsNil: false } d) h = d;
        return h;
    }

    private static bool IsStage(MetadataReader md, TypeDefinitionHandle h)
    {
        foreach (var ih in md.GetTypeDefinition(h).GetInterfaceImplementations())
        {
            var i = md.GetInterfaceImplementation(ih).Interface;
            if (i.Kind == HandleKind.TypeDefinition && md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)i).Name) == StageInterface) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\bclass\s+\w+\s*:[^{]*\bIPipelineStage\b")]
    private static partial Regex StageDeclaration();

    [GeneratedRegex(@"^(?:public\s+|internal\s+)?(?:sealed\s+)?partial\s+class\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex PartialClass();

    private static string Name(MetadataReader md, TypeDefinitionHandle h)
    {
        var td = md.GetTypeDefinition(h);
        string n = md.GetString(td.Name);
        return td.GetDeclaringType().IsNil ? n : Name(md, td.GetDeclaringType()) + "." + n;
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    /// <summary>Collects the type definitions of this assembly that one type definition mentions anywhere.</summary>
    private sealed class Collector(MetadataReader md) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        /// <summary>Where the names of referenced assemblies go.</summary>
        public HashSet<string> External { get; set; } = [];

        private ImmutableArray<TypeDefinitionHandle> Reference(TypeReferenceHandle h)
        {
            var r = md.GetTypeReference(h);
            while (r.ResolutionScope.Kind == HandleKind.TypeReference) r = md.GetTypeReference((TypeReferenceHandle)r.ResolutionScope);
            if (r.ResolutionScope.Kind == HandleKind.AssemblyReference)
                External.Add(md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)r.ResolutionScope).Name));
            return None;
        }

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields()
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

        public void Type(TypeDefinition td, HashSet<TypeDefinitionHandle> used, PEReader pe)
        {
            Add(td.BaseType, used);
            foreach (var ih in td.GetInterfaceImplementations()) Add(md.GetInterfaceImplementation(ih).Interface, used);
            Attributes(td.GetCustomAttributes(), used);
            foreach (var gp in td.GetGenericParameters()) GenericParameter(gp, used);
            foreach (var fh in td.GetFields())
            {
                var f = md.GetFieldDefinition(fh);
                used.UnionWith(f.DecodeSignature(this, null));
                Attributes(f.GetCustomAttributes(), used);
            }
            foreach (var ph in td.GetProperties())
            {
                var p = md.GetPropertyDefinition(ph);
                Signature(p.DecodeSignature(this, null), used);
                Attributes(p.GetCustomAttributes(), used);
            }
            foreach (var eh in td.GetEvents()) Add(md.GetEventDefinition(eh).Type, used);
            foreach (var mh in td.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                Signature(m.DecodeSignature(this, null), used);
                Attributes(m.GetCustomAttributes(), used);
                foreach (var gp in m.GetGenericParameters()) GenericParameter(gp, used);
                foreach (var ph in m.GetParameters()) Attributes(md.GetParameter(ph).GetCustomAttributes(), used);
                if (m.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(m.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                    foreach (var l in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null)) used.UnionWith(l);
                Il(body.GetILBytes()!, used);
            }
        }

        private void GenericParameter(GenericParameterHandle h, HashSet<TypeDefinitionHandle> used)
        {
            foreach (var ch in md.GetGenericParameter(h).GetConstraints()) Add(md.GetGenericParameterConstraint(ch).Type, used);
        }

        private void Attributes(CustomAttributeHandleCollection attributes, HashSet<TypeDefinitionHandle> used)
        {
            foreach (var ah in attributes) Add(md.GetCustomAttribute(ah).Constructor, used);
        }

        private static void Signature(MethodSignature<ImmutableArray<TypeDefinitionHandle>> s, HashSet<TypeDefinitionHandle> used)
        {
            used.UnionWith(s.ReturnType);
            foreach (var p in s.ParameterTypes) used.UnionWith(p);
        }

        private void Il(byte[] il, HashSet<TypeDefinitionHandle> used)
        {
            int i = 0;
            while (i < il.Length)
            {
                short v = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
                var op = OpCodesByValue[v];
                i += op.Size;
                switch (op.OperandType)
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                        Add(MetadataTokens.EntityHandle(BitConverter.ToInt32(il, i)), used);
                        i += 4;
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + 4 * BitConverter.ToInt32(il, i);
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        i += 8;
                        break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR:
                        i += 4;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        i += 1;
                        break;
                }
            }
        }

        private void Add(EntityHandle h, HashSet<TypeDefinitionHandle> used)
        {
            if (h.IsNil) return;
            switch (h.Kind)
            {
                case HandleKind.TypeDefinition:
                    used.Add((TypeDefinitionHandle)h);
                    break;
                case HandleKind.TypeReference:
                    Reference((TypeReferenceHandle)h);
                    break;
                case HandleKind.TypeSpecification:
                    used.UnionWith(md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(this, null));
                    break;
                case HandleKind.FieldDefinition:
                {
                    var f = md.GetFieldDefinition((FieldDefinitionHandle)h);
                    used.Add(f.GetDeclaringType());
                    used.UnionWith(f.DecodeSignature(this, null));
                    break;
                }
                case HandleKind.MethodDefinition:
                {
                    var m = md.GetMethodDefinition((MethodDefinitionHandle)h);
                    used.Add(m.GetDeclaringType());
                    Signature(m.DecodeSignature(this, null), used);
                    break;
                }
                case HandleKind.MemberReference:
                {
                    var r = md.GetMemberReference((MemberReferenceHandle)h);
                    Add(r.Parent, used);
                    if (r.GetKind() == MemberReferenceKind.Method) Signature(r.DecodeMethodSignature(this, null), used);
                    else used.UnionWith(r.DecodeFieldSignature(this, null));
                    break;
                }
                case HandleKind.MethodSpecification:
                {
                    var s = md.GetMethodSpecification((MethodSpecificationHandle)h);
                    Add(s.Method, used);
                    foreach (var t in s.DecodeSignature(this, null)) used.UnionWith(t);
                    break;
                }
                case HandleKind.StandaloneSignature:
                {
                    var s = md.GetStandaloneSignature((StandaloneSignatureHandle)h);
                    if (s.GetKind() == StandaloneSignatureKind.Method) Signature(s.DecodeMethodSignature(this, null), used);
                    break;
                }
            }
        }

        private static readonly ImmutableArray<TypeDefinitionHandle> None = [];

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(p => p)];
        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(a => a)];
        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;
        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;
        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;
        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Reference(handle);
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
