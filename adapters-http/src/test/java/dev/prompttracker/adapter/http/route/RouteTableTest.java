package dev.prompttracker.adapter.http.route;

import com.google.api.AnnotationsProto;
import com.linecorp.armeria.common.HttpMethod;
import dev.prompttracker.adapter.http.grpc.ServiceCodecs;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The table is what the protos say: every rule, each reachable, none restated. */
class RouteTableTest {
    private final RouteTable table = RouteTable.of(ServiceCodecs.served());

    @Test
    void everyRuleOfEveryServedMethodIsInTheTable() {
        int rules = 0;
        for (ServiceDescriptor service : ServiceCodecs.served()) {
            var proto = ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
            for (var method : proto.getMethods()) {
                if (method.getOptions().hasExtension(AnnotationsProto.http)) {
                    rules += 1 + method.getOptions().getExtension(AnnotationsProto.http).getAdditionalBindingsCount();
                    assertThat(table.routesOf(service.getName() + "/" + method.getName())).as(method.getFullName())
                            .isNotEmpty();
                }
            }
        }
        assertThat(table.routes()).hasSize(rules);
        assertThat(table.unsupported()).isEmpty();
    }

    @Test
    void eachRouteIsFoundByTheRequestsItDescribes() {
        for (HttpRoute route : table.routes()) {
            String path = route.path().template().replaceAll("\\{([a-z_]+)}", "v-$1");
            RouteTable.Match match = table.find(route.verb(), path).orElseThrow();
            assertThat(match.route()).as(path).isEqualTo(route);
            route.path().variables().forEach(v -> assertThat(match.variables()).containsEntry(v, "v-" + v));
        }
    }

    @Test
    void aPathOrVerbNoRuleNamesIsNotFound() {
        assertThat(table.find(HttpMethod.GET, "/api/prompts/p1")).hasValueSatisfying(match -> {
            assertThat(match.route().fullMethodName()).isEqualTo("prompttracker.v1.PromptService/GetPrompt");
            assertThat(match.variables()).isEqualTo(Map.of("id", "p1"));
        });
        assertThat(table.find(HttpMethod.PUT, "/api/prompts/p1")).isEmpty();
        assertThat(table.find(HttpMethod.GET, "/api/prompts/p1/x/y")).isEmpty();
        assertThat(table.find(HttpMethod.GET, "/healthz")).isEmpty();
        assertThat(table.find(HttpMethod.GET, "/api/public/prompts")).hasValueSatisfying(match -> assertThat(
                match.route().fullMethodName()).isEqualTo("prompttracker.v1.PromptService/ListPublicPrompts"));
    }
}
