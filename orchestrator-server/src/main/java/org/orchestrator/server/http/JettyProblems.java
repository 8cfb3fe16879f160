package org.orchestrator.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages as problem+json: requests Jetty refuses before Javalin sees them (an
 * ambiguous or badly encoded path, a header too large, a broken request line) get the same
 * answer shape as every other error.
 */
final class JettyProblems extends ErrorHandler {

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        byte[] body = Problems.json(Problems.fromStatus(code, message), request.getRequestURI());
        response.setContentType(Problems.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        return ByteBuffer.wrap(Problems.json(Problems.fromStatus(status, reason), null));
    }
}
