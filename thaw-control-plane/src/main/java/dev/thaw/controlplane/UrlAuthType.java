package dev.thaw.controlplane;

/** Who may call a function URL: anyone ({@code NONE}), or only requests signed with the server's keys. */
public enum UrlAuthType {
    NONE,
    AWS_IAM
}
