package dev.newsfeed.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request sent as written, over a socket of its own: clients normalise or refuse targets such as {@code //},
 * {@code %zz} or {@code ;x=y}, which a hostile client sends as they are.
 */
public record RawRequest(int status, Map<String, String> headers, String body) {

    /** @param headers extra header lines, each ending in CRLF */
    public static RawRequest send(URL server, String method, String target, String headers) throws IOException {
        return written(server, method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers
                + "Connection: close\r\n\r\n");
    }

    /** @param request the request line and headers, with the blank line that ends them */
    public static RawRequest written(URL server, String request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return parse(readAll(socket.getInputStream()));
        }
    }

    public static RawRequest get(URL server, String target) throws IOException {
        return send(server, "GET", target, "");
    }

    /** A header by name, case ignored, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static RawRequest parse(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        String[] lines = answer.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new RawRequest(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(end + 4));
    }
}
