namespace LandCarbon.Core.Study;

/// <summary>
/// Base of the sections later modules own (<c>change:</c>, <c>poi:</c>, <c>regression:</c>, <c>spatial:</c>,
/// <c>risk:</c>, <c>report:</c>). A module declares its keys once in the record's static <c>Spec</c>
/// (<see cref="StudyKeys.Module"/>: name, type, default, range or choices, help; listed in
/// <see cref="StudySpec.Root"/>), reads them in the record's <c>Parse(StudySection)</c> with the
/// <see cref="StudySection"/> accessors that take default and range from the declaration (a key the declaration does
/// not list is reported as unknown), and overrides <see cref="InputFiles"/> when it names files. The declaration also
/// writes the `landcarbon init` template and docs/study-file.md. The section's presence in the study file enables the
/// module's stage; an absent section is null in <see cref="StudyDefinition"/>.
/// </summary>
public abstract record ModuleSection : IStudySection
{
    /// <inheritdoc />
    public virtual IEnumerable<string> InputFiles() => [];

    /// <summary>Parse body for a section that has no keys yet: any key is unknown.</summary>
    protected static T WithoutKeys<T>(StudySection section) where T : ModuleSection, new()
    {
        ArgumentNullException.ThrowIfNull(section);
        section.Finish();
        return new T();
    }
}
