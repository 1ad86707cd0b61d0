package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareSettings;
import dev.prompttracker.cloudflare.standin.FaultProxy;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import dev.prompttracker.domain.error.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * D1 writes through the gateway Worker on workerd while the way to it fails: the gateway answering
 * 5xx, timing out after its batch, dying before its batch (nothing made) or after it (made, answer
 * lost). Each write ends made exactly once, or, when the gateway stays down, as a clear
 * {@link Unavailable} with the batch found whole or absent — D1's real batch atomicity decides.
 */
class GatewayFaultsTest {
    private static final String QUERY = "/d1/database/" + WorkerdGateway.D1 + "/query";

    private WorkerdGateway gateway;
    private FaultProxy proxy;
    private D1SqlExecutor direct;
    private D1SqlExecutor d1;

    @BeforeEach
    void start() {
        gateway = WorkerdGateway.shared();
        direct = new D1SqlExecutor(gateway.client(CallListener.NONE), WorkerdGateway.D1);
        new Migrator(direct).apply(MigrationSource.fromClasspath());
        direct.executeScript("create table if not exists gateway_faults (id text primary key, n integer not null)");
        proxy = FaultProxy.inFrontOf(gateway.url());
        CloudflareSettings viaProxy = CloudflareSettings.gateway(proxy.url(), WorkerdGateway.SECRET);
        d1 = new D1SqlExecutor(new CloudflareClient(new CloudflareSettings(viaProxy.baseUrl(), viaProxy.accountId(),
                viaProxy.credential(), Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 1, 3,
                viaProxy.anonymousShare(), viaProxy.transport()), Clock.systemUTC(), Thread::sleep, CallListener.NONE),
                WorkerdGateway.D1);
        // The first write learns that receipts exist, before any fault is armed.
        d1.write(SqlStatement.of("delete from gateway_faults"));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private long rows(String id) {
        return direct.read(SqlStatement.of("select count(*) as n from gateway_faults where id = ?", id)).firstRow()
                .orElseThrow().integer("n");
    }

    private SqlResult insert(String id) {
        return d1.write(SqlStatement.of("insert into gateway_faults (id, n) values (?, 1)", id));
    }

    @Test
    void aGateway5xxIsRiddenOutAndTheWriteMadeOnce() {
        proxy.faults().next("POST", QUERY, Fault.serverError(502)).next("POST", QUERY, Fault.serverError(503));
        assertThat(insert("five-hundred").changes()).isEqualTo(1);
        assertThat(rows("five-hundred")).isEqualTo(1);
    }

    @Test
    void aGatewayDyingBeforeItsBatchLeavesNothingAndTheRetryMakesIt() {
        proxy.faults().next("POST", QUERY, Fault.connectionReset());
        assertThat(insert("died-before").changes()).isEqualTo(1);
        assertThat(rows("died-before")).isEqualTo(1);
    }

    @Test
    void aGatewayDyingAfterItsBatchIsMadeOnceAndItsAnswerRebuilt() {
        d1.write(List.of(SqlStatement.of("insert into gateway_faults (id, n) values ('a', 1), ('b', 1), ('c', 5)")));
        proxy.faults().next("POST", QUERY, Fault.answerLost());
        List<SqlResult> results = d1.write(List.of(
                SqlStatement.of("update gateway_faults set n = n + 1 where n = 1"),
                SqlStatement.of("insert into gateway_faults (id, n) values ('d', 1) on conflict do nothing"),
                SqlStatement.of("insert into gateway_faults (id, n) values ('a', 9) on conflict do nothing"),
                SqlStatement.of("select id, n from gateway_faults order by id")));
        assertThat(results.get(0).changes()).as("counted by D1's changes() on the receipt").isEqualTo(2);
        assertThat(results.get(1).changes()).isEqualTo(1);
        assertThat(results.get(2).changes()).as("a conflict that changed nothing").isZero();
        assertThat(results.get(3).rows()).extracting(row -> row.integer("n")).containsExactly(2L, 2L, 5L, 1L);
        assertThat(direct.read(SqlStatement.of("select sum(n) as total from gateway_faults")).firstRow().orElseThrow()
                .integer("total")).as("the update made once").isEqualTo(10);
    }

    @Test
    void aGatewayAnsweringPastTheTimeoutIsMadeOnce() {
        proxy.faults().next("POST", QUERY, Fault.slowAnswer(Duration.ofMillis(1500)));
        assertThat(insert("slow").changes()).isEqualTo(1);
        assertThat(rows("slow")).isEqualTo(1);
    }

    @Test
    void aGatewayDownForGoodIsAClearUnavailableAndTheBatchWholeOrAbsent() {
        proxy.faults().next("POST", QUERY, Fault.serverError(503), 10);
        assertThatThrownBy(() -> d1.write(List.of(
                SqlStatement.of("insert into gateway_faults (id, n) values ('x', 1)"),
                SqlStatement.of("insert into gateway_faults (id, n) values ('y', 1)"))))
                .isInstanceOf(Unavailable.class).hasMessageContaining("D1");
        assertThat(rows("x") + rows("y")).as("absent").isZero();

        proxy.faults().clear();
        // The first attempt commits and its answer is lost; every later one is refused.
        proxy.faults().next("POST", QUERY, Fault.answerLost()).next("POST", QUERY, Fault.serverError(503), 10);
        assertThatThrownBy(() -> d1.write(List.of(
                SqlStatement.of("insert into gateway_faults (id, n) values ('x', 1)"),
                SqlStatement.of("insert into gateway_faults (id, n) values ('y', 1)"))))
                .isInstanceOf(Unavailable.class);
        assertThat(rows("x") + rows("y")).as("whole").isEqualTo(2);
    }
}
