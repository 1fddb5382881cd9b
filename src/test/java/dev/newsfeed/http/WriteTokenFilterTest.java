package dev.newsfeed.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import dev.newsfeed.problem.Problem;

/**
 * Who may write. With no API token configured (or a blank one) the service accepts no writes at all, whatever the
 * request carries; with one, only a request that presents it. That the filter guards every write endpoint is checked
 * over HTTP by the endpoints' own tests (401 without the token).
 */
class WriteTokenFilterTest {

    @Test
    void withNoTokenConfiguredEveryWriteIsRefused403WhateverItCarries() {
        for (Optional<String> configured : Arrays.asList(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            WriteTokenFilter filter = new WriteTokenFilter(configured);
            for (String authorization : Arrays.asList(null, "Bearer anything", "Bearer ", "Bearer  ", "Basic Og==")) {
                Response refused = abortedWith(filter, authorization);

                assertThat(refused).as("token %s, Authorization %s", configured, authorization).isNotNull();
                assertThat(refused.getStatus()).isEqualTo(403);
                assertThat(((Problem) refused.getEntity()).detail()).contains("newsfeed.api-token");
            }
        }
    }

    @Test
    void withATokenConfiguredOnlyARequestPresentingItPasses() {
        WriteTokenFilter filter = new WriteTokenFilter(Optional.of("s3cret-token"));

        assertThat(abortedWith(filter, "Bearer s3cret-token")).isNull();
        assertThat(abortedWith(filter, "bearer s3cret-token ")).as("the scheme in any case, the token trimmed")
                .isNull();
        Response missing = abortedWith(filter, null);
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"newsfeed\"");
        Response wrong = abortedWith(filter, "Bearer s3cret-tokeN");
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
        assertThat(abortedWith(filter, "Basic czNjcmV0LXRva2Vu").getStatus()).as("only a bearer token").isEqualTo(401);
    }

    /** The answer the filter gave instead of letting the request through, or null when it let it through. */
    private static Response abortedWith(WriteTokenFilter filter, String authorization) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getHeaderString(HttpHeaders.AUTHORIZATION)).thenReturn(authorization);
        AtomicReference<Response> answer = new AtomicReference<>();
        doAnswer(invocation -> {
            answer.set(invocation.getArgument(0));
            return null;
        }).when(request).abortWith(any());
        filter.filter(request);
        return answer.get();
    }
}
