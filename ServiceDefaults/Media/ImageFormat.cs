namespace Municipal.ServiceDefaults.Media;

/// <summary>The image formats whose header <see cref="ImageHeader"/> reads.</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
}
