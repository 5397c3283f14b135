namespace LandCarbon.Core.Models;

/// <summary>
/// Bad input: a file, key or row that is not what LandCarbon expects. The command line maps it to exit code 2.
/// The message always names what is wrong (file, key or row) and what was expected.
/// </summary>
public class InputException : Exception
{
    /// <summary>Creates an input error with a complete, user-facing message.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates an input error that wraps the low-level cause.</summary>
    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates an input error that lists several problems found at once (one per line).</summary>
    public InputException(string summary, IReadOnlyList<string> problems)
        : base(summary + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Creates an input error from typed validation issues (one per line).</summary>
    public InputException(string summary, IReadOnlyList<ValidationIssue> issues)
        : this(summary, (issues ?? throw new ArgumentNullException(nameof(issues))).Select(i => i.ToString()).ToList())
    {
        Issues = issues;
    }

    /// <summary>The typed issues when validation produced them; empty otherwise.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; } = [];

    /// <summary>The individual problems when validation collected several; empty otherwise.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
