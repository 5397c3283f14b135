namespace LandCarbon.Core.LandUseChange;

/// <summary>Which pixels get a non-zero ΔCBI (METHOD-SPEC (d), <c>ChangeScope</c>).</summary>
public enum ChangeScope
{
    /// <summary>Default: ΔCBI only where the class changed ("induced by LUCC"); pixels that kept their class get 0.</summary>
    TransitionOnly,

    /// <summary>ΔCBI = CBI(t2) − CBI(t1) everywhere, including within-class changes of time-varying factors.</summary>
    All,
}
