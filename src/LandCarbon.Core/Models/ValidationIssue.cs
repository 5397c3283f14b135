namespace LandCarbon.Core.Models;

/// <summary>
/// One problem found while validating settings: the key it concerns (a dotted study key path such as
/// <c>risk.errorTheory.k</c>, a command-line flag such as <c>--k</c>, or "" when the problem names a file and row
/// itself), its line in the study file when known, and the message. Callers name keys in their own language (the
/// study its keys, a command its flags) instead of taking strings apart.
/// </summary>
/// <param name="Key">Key path or flag; "" when <paramref name="Message"/> names its file and row itself.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Line">Line in the study file, when known.</param>
public sealed record ValidationIssue(string Key, string Message, long? Line = null)
{
    /// <summary>The same issue under another key (e.g. a module's key under its study section, or a flag).</summary>
    public ValidationIssue WithKey(string key) => this with { Key = key };

    /// <summary><c>key (line n): message</c>, <c>key: message</c> or the message alone.</summary>
    public override string ToString() =>
        Key.Length == 0 ? Message : Line is null ? $"{Key}: {Message}" : $"{Key} (line {Line}): {Message}";
}
