package dev.newsfeed.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which callbacks this service may call: an outbound request made for whoever subscribed must not reach what only
 * the service can reach. A callback is an absolute {@code http} or {@code https} URL without user info; every
 * address its host resolves to must be public unless private addresses are allowed (loopback, RFC 1918, link-local,
 * unique-local, carrier-grade NAT). Multicast and unspecified addresses are always refused. Checked when subscribing
 * and again before each delivery, which then connects to the very address checked, so DNS cannot change it between.
 */
final class CallbackPolicy {

    /** A callback this service will not call, and why, in words fit for the subscriber. */
    static final class RefusedCallbackException extends Exception {
        RefusedCallbackException(String reason) {
            super(reason);
        }
    }

    /** The address to connect to, and the URL to send (its host stays the Host header and TLS name). */
    record Target(URI uri, InetAddress address, int port) {
    }

    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    CallbackPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    CallbackPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL checked for its form alone: what can be said at once, before any lookup. */
    static URI parse(String callback) throws RefusedCallbackException {
        if (callback == null || callback.isBlank()) {
            throw new RefusedCallbackException("a callback URL is required");
        }
        URI uri;
        try {
            uri = new URI(callback.strip());
        } catch (URISyntaxException e) {
            throw new RefusedCallbackException("the callback is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedCallbackException("the callback must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedCallbackException("the callback has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedCallbackException("the callback may not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedCallbackException("the callback may not have a fragment");
        }
        return uri;
    }

    /** Whether the callback is refused for its form (a 400), rather than for where it leads (a 422). */
    static boolean isFormProblem(String callback) {
        try {
            parse(callback);
            return false;
        } catch (RefusedCallbackException e) {
            return true;
        }
    }

    /** @throws RefusedCallbackException when the URL is malformed or its host resolves to a refused address */
    Target check(String callback) throws RefusedCallbackException {
        URI uri = parse(callback);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedCallbackException("the callback's host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                throw new RefusedCallbackException("the callback's host " + host + " resolves to " + refusal
                        + " address " + address.getHostAddress() + ", which this service does not call"
                        + (allowPrivate ? "" : " (newsfeed.push.allow-private-callbacks)"));
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return new Target(uri, addresses[0], port);
    }

    /** Why the address is refused (an adjective), or null when it is allowed. */
    private String refusal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        if (allowPrivate) {
            return null;
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "a private";
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            if (first == 0 || first == 100 && second >= 64 && second < 128 || first >= 240) {
                return "a reserved";
            }
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xFE) == 0xFC) {
                return "a unique-local";
            }
            if (isMappedV4(bytes)) {
                try {
                    return refusal(InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] }));
                } catch (UnknownHostException e) {
                    return "an unreadable";
                }
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF;
    }
}
