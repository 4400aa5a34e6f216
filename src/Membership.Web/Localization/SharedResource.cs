namespace Membership.Web;

/// <summary>Marker for the console's texts: Resources/SharedResource.resx is zh-TW (neutral), .en.resx English.</summary>
public sealed class SharedResource;
