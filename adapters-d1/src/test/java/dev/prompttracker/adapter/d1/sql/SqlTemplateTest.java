package dev.prompttracker.adapter.d1.sql;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import static dev.prompttracker.adapter.d1.jooq.Tables.RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlTemplateTest {
    private final SqlRenderer render = new SqlRenderer();

    @Test
    void aTemplateBindsNewValuesToTheTextRenderedOnce() {
        SqlTemplate template = render.template(render.dsl().selectFrom(RESPONSES)
                .where(RESPONSES.PROMPT_ID.eq(DSL.param("promptId", RESPONSES.PROMPT_ID)))
                .and(RESPONSES.MODEL_NAME.eq(DSL.param("model", RESPONSES.MODEL_NAME))));
        SqlStatement rendered = render.statement(render.dsl().selectFrom(RESPONSES)
                .where(RESPONSES.PROMPT_ID.eq("p-1"))
                .and(RESPONSES.MODEL_NAME.eq("gpt-4o")));

        assertThat(template.bind("p-1", "gpt-4o")).isEqualTo(rendered);
        assertThat(template.bind("p-2", null).params()).containsExactly("p-2", null);
    }

    @Test
    void theWrongNumberOfValuesIsRefused() {
        SqlTemplate template = render.template(render.dsl().selectFrom(RESPONSES)
                .where(RESPONSES.PROMPT_ID.eq(DSL.param("promptId", RESPONSES.PROMPT_ID))));

        assertThatThrownBy(() -> template.bind("p-1", "extra"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 values, got 2");
    }

    @Test
    void anInsertTemplateBindsTheValuesInTheColumnsOrder() {
        SqlTemplate insert = render.insertTemplate(RESPONSES, RESPONSES.ID, RESPONSES.MODEL_NAME, RESPONSES.VERSION);
        SqlStatement rendered = render.statement(render.dsl().insertInto(RESPONSES)
                .columns(RESPONSES.ID, RESPONSES.MODEL_NAME, RESPONSES.VERSION).values("r-1", "gpt-4o", 3L));

        assertThat(insert.bind("r-1", "gpt-4o", 3L)).isEqualTo(rendered);
        assertThat(insert.sql()).isEqualTo("insert into responses (id, model_name, version) values (?, ?, ?)");
    }
}
