package dev.imagedrift.fetch;

import java.util.List;

/**
 * {@code fetch.allowed-prefixes}: the only URIs the monitor fetches, and the defence against
 * server-side request forgery (an event that makes the monitor request an internal address).
 * Empty by default, so nothing is fetched until an operator lists where images live. Every
 * redirect target is checked again.
 */
public final class UriAllowList {
    private final List<AllowedPrefix> prefixes;

    public UriAllowList(List<AllowedPrefix> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    public static UriAllowList of(List<String> prefixes) {
        return new UriAllowList(prefixes.stream().map(AllowedPrefix::parse).toList());
    }

    /** The entry that allows {@code uri}. */
    public AllowedPrefix check(ImageUri uri) throws FetchException {
        for (AllowedPrefix p : prefixes) {
            if (p.matches(uri)) {
                return p;
            }
        }
        throw new FetchException(FetchFailure.URI_NOT_ALLOWED, prefixes.isEmpty()
                ? "images by URI are off: fetch.allowed-prefixes is empty (" + uri + ")"
                : uri + " matches no entry of fetch.allowed-prefixes");
    }

    public List<AllowedPrefix> prefixes() {
        return prefixes;
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    public boolean allowsFiles() {
        return prefixes.stream().anyMatch(AllowedPrefix::isFile);
    }

    public boolean allowsHttp() {
        return prefixes.stream().anyMatch(p -> !p.isFile());
    }
}
