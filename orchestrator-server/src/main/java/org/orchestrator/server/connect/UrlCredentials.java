package org.orchestrator.server.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials a connection URL of any scheme may carry: {@code scheme://user:password@host},
 * a query parameter ({@code ?user=u&password=p}, as PostgreSQL and MySQL drivers read them) or a
 * property ({@code ;USER=u;PASSWORD=p}, as H2 and SQL Server read them). A URL is stored and shown
 * in clear, so a password found there is taken out (into the encrypted password field) or
 * refused, and masked when an older stored URL is shown.
 *
 * @param url      the URL without the user and password, when a password was found; else as given
 * @param user     the user found beside the password, or empty
 * @param password the password found, or empty
 */
public record UrlCredentials(String url, String user, String password) {

    private static final Set<String> PASSWORD_KEYS = Set.of("password", "passwd", "pwd");
    private static final Set<String> USER_KEYS = Set.of("user", "username");
    /** A parameter: its separator, then everything up to the next separator. */
    private static final Pattern PARAMETER = Pattern.compile("([?&;])([^?&;]*)");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.:-]*://)([^/?;#@]*)@");

    /** @return whether the URL carries a password */
    public boolean hasPassword() {
        return !password.isEmpty();
    }

    /** @param url a connection URL @return it split from the user and password it holds, if it holds a password */
    public static UrlCredentials split(String url) {
        Found found = new Found();
        String rest = stripUserInfo(url, found, false);
        String stripped = rewriteParameters(rest, found, false);
        return found.password.isEmpty() ? new UrlCredentials(url, "", "") : new UrlCredentials(stripped, found.user, found.password);
    }

    /** @param url a connection URL, as stored @return it with any password in it shown as {@code ***} */
    public static String masked(String url) {
        Found found = new Found();
        return rewriteParameters(stripUserInfo(url, found, true), found, true);
    }

    private static String stripUserInfo(String url, Found found, boolean mask) {
        // jdbc:postgresql://… : the part after "jdbc:" is the URI to look into
        int offset = url.startsWith("jdbc:") ? 5 : 0;
        String body = url.substring(offset);
        Matcher m = USER_INFO.matcher(body);
        if (!m.find()) {
            return url;
        }
        String info = m.group(2);
        int colon = info.indexOf(':');
        if (colon < 0) {
            return url;
        }
        found.user(decode(info.substring(0, colon)));
        found.password(decode(info.substring(colon + 1)));
        String kept = mask ? info.substring(0, colon + 1) + SecretMasker.MASK + "@" : "";
        return url.substring(0, offset) + m.group(1) + kept + body.substring(m.end());
    }

    /** Drops (or masks) the user and password parameters, keeping every other one and a valid {@code ?}. */
    private static String rewriteParameters(String url, Found found, boolean mask) {
        Matcher m = PARAMETER.matcher(url);
        if (!m.find()) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.substring(0, m.start()));
        boolean queryDropped = false;
        do {
            char separator = m.group(1).charAt(0);
            String parameter = m.group(2);
            int eq = parameter.indexOf('=');
            String key = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
            boolean secret = PASSWORD_KEYS.contains(key) && eq >= 0;
            if (secret) {
                found.password(value);
            } else if (USER_KEYS.contains(key) && eq >= 0) {
                found.user(value);
            }
            if (mask) {
                out.append(separator).append(secret ? parameter.substring(0, eq + 1) + SecretMasker.MASK : parameter);
            } else if (secret || USER_KEYS.contains(key) && eq >= 0) {
                queryDropped |= separator == '?';
            } else {
                out.append(queryDropped && separator == '&' ? '?' : separator).append(parameter);
                queryDropped &= separator != '&';
            }
        } while (m.find());
        return out.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** What was found while reading a URL. */
    private static final class Found {
        private String user = "";
        private String password = "";

        void user(String value) {
            user = value;
        }

        void password(String value) {
            password = value;
        }
    }
}
