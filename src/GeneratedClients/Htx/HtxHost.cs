namespace GeneratedClients.Htx;

/// <summary>The HTX swap host a client talks to.</summary>
public enum HtxHost
{
    /// <summary><c>https://api.hbdm.com</c>.</summary>
    Production = 0,

    /// <summary><c>https://api.hbdm.vn</c>, preferred by AWS customers.</summary>
    Aws = 1,
}
