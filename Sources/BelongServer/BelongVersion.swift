/// The version `belong version`, the footer and `/healthz` report.
public enum BelongVersion {
    public static let current = "0.1.0"
}
