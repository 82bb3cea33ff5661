package dev.imagedrift.fetch;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allow-list and the URI rules: what an event's URI can and cannot make the monitor request. */
class UriAllowListTest {
    private static final UriAllowList LIST = UriAllowList.of(List.of(
            "https://bucket.s3.eu-west-1.amazonaws.com/images",
            "http://10.0.0.7:9000/frames/",
            "http://[::1]:8080/v6/",
            "https://cdn.example.com/caf%c3%a9/",
            "file:///mnt/frames/"));

    private static FetchFailure refusal(String uri) {
        try {
            LIST.check(ImageUri.parse(uri));
            return null;
        } catch (FetchException e) {
            return e.failure();
        }
    }

    private static void allowed(String uri) {
        assertEquals(null, refusal(uri), uri + " should be allowed");
    }

    private static void refused(FetchFailure why, String uri) {
        assertEquals(why, refusal(uri), uri);
    }

    @Test
    void anEmptyListAllowsNothingAndSaysWhy() throws Exception {
        UriAllowList none = UriAllowList.of(List.of());
        FetchException e = assertThrows(FetchException.class,
                () -> none.check(ImageUri.parse("https://bucket.s3.amazonaws.com/a.jpg")));
        assertEquals(FetchFailure.URI_NOT_ALLOWED, e.failure());
        assertTrue(e.getMessage().contains("fetch.allowed-prefixes is empty"), e.getMessage());
    }

    @Test
    void uriUnderAPrefixIsAllowedWithItsQuery() {
        allowed("https://bucket.s3.eu-west-1.amazonaws.com/images/2026/a.jpg?X-Amz-Signature=abc&X-Amz-Expires=60");
        allowed("https://bucket.s3.eu-west-1.amazonaws.com/images");
        allowed("HTTPS://Bucket.S3.EU-West-1.amazonaws.com/images/a.jpg"); // scheme and host in any case
        allowed("https://bucket.s3.eu-west-1.amazonaws.com:443/images/a.jpg"); // the default port, written out
        allowed("http://10.0.0.7:9000/frames/cam-1/000001.png");
        allowed("http://[::1]:8080/v6/a.jpg");
        allowed("https://cdn.example.com/caf%C3%A9/a.jpg"); // percent-escapes compare in any case
        allowed("file:///mnt/frames/cam-1/a.jpg");
        allowed("file:/mnt/frames/a.jpg");
        allowed("file://localhost/mnt/frames/a.jpg");
        allowed("https://bucket.s3.eu-west-1.amazonaws.com/images/a.jpg#fragment-ignored");
    }

    @Test
    void prefixesMatchWholeHostsPortsAndPathSegments() {
        refused(FetchFailure.URI_NOT_ALLOWED, "https://bucket.s3.eu-west-1.amazonaws.com/images-private/a.jpg");
        refused(FetchFailure.URI_NOT_ALLOWED, "https://bucket.s3.eu-west-1.amazonaws.com/imagesX");
        refused(FetchFailure.URI_NOT_ALLOWED, "https://bucket.s3.eu-west-1.amazonaws.com.evil.test/images/a.jpg");
        refused(FetchFailure.URI_NOT_ALLOWED, "https://evil.test/bucket.s3.eu-west-1.amazonaws.com/images/a.jpg");
        refused(FetchFailure.URI_NOT_ALLOWED, "http://bucket.s3.eu-west-1.amazonaws.com/images/a.jpg"); // http, not https
        refused(FetchFailure.URI_NOT_ALLOWED, "https://bucket.s3.eu-west-1.amazonaws.com:8443/images/a.jpg");
        refused(FetchFailure.URI_NOT_ALLOWED, "http://10.0.0.7/frames/a.jpg"); // port 80, not 9000
        refused(FetchFailure.URI_NOT_ALLOWED, "http://10.0.0.7:9000/frames"); // the prefix ends in '/'
        refused(FetchFailure.URI_NOT_ALLOWED, "http://10.0.0.70:9000/frames/a.jpg");
        refused(FetchFailure.URI_NOT_ALLOWED, "http://169.254.169.254/latest/meta-data/");
        refused(FetchFailure.URI_NOT_ALLOWED, "http://localhost:9000/frames/a.jpg"); // names, not addresses
        refused(FetchFailure.URI_NOT_ALLOWED, "file:///mnt/frames2/a.jpg");
        refused(FetchFailure.URI_NOT_ALLOWED, "file:///etc/passwd");
        refused(FetchFailure.URI_NOT_ALLOWED, "https://evil.test#@bucket.s3.eu-west-1.amazonaws.com/images/a.jpg");
    }

    @Test
    void dotSegmentsCredentialsAndOddSchemesAreRefusedWhateverTheList() {
        refused(FetchFailure.BAD_URI, "https://bucket.s3.eu-west-1.amazonaws.com/images/../secret/a.jpg");
        refused(FetchFailure.BAD_URI, "https://bucket.s3.eu-west-1.amazonaws.com/images/%2e%2e/secret/a.jpg");
        refused(FetchFailure.BAD_URI, "https://bucket.s3.eu-west-1.amazonaws.com/images/%2E%2E%2Fsecret");
        refused(FetchFailure.BAD_URI, "https://bucket.s3.eu-west-1.amazonaws.com/images/./a.jpg");
        refused(FetchFailure.BAD_URI, "https://bucket.s3.eu-west-1.amazonaws.com/images/a%5c..%5csecret");
        refused(FetchFailure.BAD_URI, "https://bucket.s3.eu-west-1.amazonaws.com/images/a%00.jpg");
        refused(FetchFailure.BAD_URI, "file:///mnt/frames/../../etc/shadow");
        refused(FetchFailure.BAD_URI, "https://user:pass@bucket.s3.eu-west-1.amazonaws.com/images/a.jpg");
        refused(FetchFailure.BAD_URI, "https://bucket.s3.eu-west-1.amazonaws.com@evil.test/images/a.jpg");
        refused(FetchFailure.BAD_URI, "s3://bucket/images/a.jpg");
        refused(FetchFailure.BAD_URI, "ftp://10.0.0.7:9000/frames/a.jpg");
        refused(FetchFailure.BAD_URI, "jar:file:///mnt/frames/a.zip!/a.jpg");
        refused(FetchFailure.BAD_URI, "file:mnt/frames/a.jpg");
        refused(FetchFailure.BAD_URI, "file://fileserver/mnt/frames/a.jpg");
        refused(FetchFailure.BAD_URI, "file:///mnt/frames/a.jpg?version=2");
        refused(FetchFailure.BAD_URI, "/mnt/frames/a.jpg");
        refused(FetchFailure.BAD_URI, "https:///images/a.jpg");
        refused(FetchFailure.BAD_URI, "https://under_score.example/images/a.jpg");
        refused(FetchFailure.BAD_URI, "https://cdn.example.com/a b.jpg");
    }

    @Test
    void messagesNeverQuoteTheQueryOrTheUserInfo() {
        String secret = "X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=0123456789abcdef";
        for (String uri : List.of(
                "https://other.example.com/a.jpg?" + secret,
                "https://bucket.s3.eu-west-1.amazonaws.com/images/../a.jpg?" + secret,
                "https://AKIAEXAMPLE:0123456789abcdef@bucket.s3.eu-west-1.amazonaws.com/images/a.jpg",
                "https://bucket.s3.eu-west-1.amazonaws.com/images/a b.jpg?" + secret,
                "s3://AKIAEXAMPLE/0123456789abcdef")) {
            FetchException e = assertThrows(FetchException.class, () -> LIST.check(ImageUri.parse(uri)), uri);
            assertFalse(e.getMessage().contains("AKIAEXAMPLE") || e.getMessage().contains("0123456789abcdef"),
                    e.getMessage());
        }
        assertEquals("https://h.example/a.jpg?<redacted>", RedactedUri.of(URI.create("https://u:p@h.example/a.jpg?" + secret)));
    }

    @Test
    void messagesShowThePathInPrintableAsciiOnly() {
        // A right-to-left override would make "evil\u202Egpj.exe" read as "evilexe.jpg" in a log or header.
        URI uri = URI.create("https://h.example/img/evil\u202Egpj.exe/\u00e9t\u00e9.jpg");
        String shown = RedactedUri.of(uri);
        assertEquals("https://h.example/img/evil%E2%80%AEgpj.exe/%C3%A9t%C3%A9.jpg", shown);
        assertTrue(shown.chars().allMatch(c -> c > 0x20 && c < 0x7f), shown);
    }

    @Test
    void badPrefixesAreConfigurationErrors() {
        for (String bad : List.of("https://bucket.example/images/?X-Amz-Signature=x", "https://bucket.example/#f",
                "s3://bucket/images/", "images/", "https://u:p@bucket.example/", "file:///mnt/../etc/")) {
            assertThrows(IllegalArgumentException.class, () -> AllowedPrefix.parse(bad), bad);
        }
    }

    /**
     * Seeded random URIs built from hostile pieces: whenever one is allowed, it lies under an
     * entry by scheme, host, port and whole decoded path segments, and has no dot segment.
     */
    @Test
    void everyAllowedUriReallyLiesUnderAnEntry() {
        Random random = new Random(20261203);
        String[] schemes = {"http", "https", "HTTPS", "file", "ftp"};
        String[] authorities = {"bucket.s3.eu-west-1.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com:443",
                "bucket.s3.eu-west-1.amazonaws.com.evil.test", "10.0.0.7:9000", "10.0.0.7", "[::1]:8080",
                "cdn.example.com", "evil.test", "u@cdn.example.com", "", "localhost"};
        String[] segments = {"images", "frames", "v6", "caf%C3%A9", "caf%c3%a9", "images-private", "..", ".",
                "%2e%2e", "%2E", "a%2F..", "mnt", "a.jpg", "%5c", "imagesX", "", "x%20y"};
        String[] origins = {"https://bucket.s3.eu-west-1.amazonaws.com", "http://10.0.0.7:9000", "http://[::1]:8080",
                "https://cdn.example.com", "file://", "file://localhost"};
        String[] starts = {"/images", "/frames", "/v6", "/caf%C3%A9", "/mnt/frames"};
        int allowed = 0;
        for (int i = 0; i < 20_000; i++) {
            String scheme = schemes[random.nextInt(schemes.length)];
            StringBuilder path = new StringBuilder(random.nextBoolean() ? "" : starts[random.nextInt(starts.length)]);
            for (int s = random.nextInt(5); s >= 0; s--) {
                path.append('/').append(segments[random.nextInt(segments.length)]);
            }
            String origin = random.nextBoolean() ? origins[random.nextInt(origins.length)]
                    : scheme + "://" + authorities[random.nextInt(authorities.length)];
            String text = origin + path
                    + (random.nextBoolean() ? "?sig=" + random.nextInt() : "");
            ImageUri uri;
            try {
                uri = ImageUri.parse(text);
                LIST.check(uri);
            } catch (FetchException e) {
                continue;
            }
            allowed++;
            String decoded = URLDecoder.decode(uri.rawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
            assertFalse(List.of(decoded.split("/", -1)).contains("..") || List.of(decoded.split("/", -1)).contains("."),
                    text);
            List<String> under = new ArrayList<>();
            for (AllowedPrefix p : LIST.prefixes()) {
                ImageUri e = p.prefix();
                String prefixPath = URLDecoder.decode(e.rawPath(), StandardCharsets.UTF_8);
                String bare = prefixPath.endsWith("/") ? prefixPath.substring(0, prefixPath.length() - 1) : prefixPath;
                boolean segmentPrefix = decoded.equals(bare) || decoded.startsWith(
                        prefixPath.endsWith("/") ? prefixPath : prefixPath + "/");
                if (e.scheme().equals(uri.scheme()) && e.host().equals(uri.host()) && e.port() == uri.port()
                        && segmentPrefix) {
                    under.add(p.toString());
                }
            }
            assertFalse(under.isEmpty(), text + " was allowed but lies under no entry");
        }
        assertTrue(allowed > 300, "the generator reaches allowed URIs too: " + allowed);
    }
}
