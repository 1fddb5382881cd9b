package dev.newsfeed.peer;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The peer's one endpoint: a constant JSON answer, so the app's cost is Quarkus and its extensions alone. */
@Path("/constant")
public class ConstantResource {

    private static final Map<String, String> CONSTANT = Map.of("items", "none");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> constant() {
        return CONSTANT;
    }
}
