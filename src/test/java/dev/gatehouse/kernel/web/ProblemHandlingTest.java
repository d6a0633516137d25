package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

class ProblemHandlingTest {

    private final MockMvc mvc = WebStack.defaults().mvc();

    private ResultActions postJson(String json) throws Exception {
        return mvc.perform(
                post("/v1/widgets").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static void assertNoLeak(ResultActions result) throws Exception {
        String body = result.andReturn().getResponse().getContentAsString();
        assertThat(body)
                .doesNotContain(
                        "secret_table",
                        "SELECT",
                        "PSQLException",
                        "Exception",
                        "tools.jackson",
                        "dev.gatehouse",
                        "at line",
                        "Source:");
    }

    @Test
    void validBodyIsReadWithSnakeCaseAndDatesAsIsoText() throws Exception {
        postJson("{\"display_name\":\"W\",\"max_items\":3,\"tags\":[1]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.display_name").value("W"))
                .andExpect(jsonPath("$.created_at").value("2026-11-25T10:00:00Z"));
    }

    @Test
    void apiProblemIsRenderedAsProblemJsonWithRef() throws Exception {
        mvc.perform(get("/v1/missing").header("X-Request-Id", "client-ref-0001"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://gatehouse.dev/problems/not-found"))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.code").value("not_found"))
                .andExpect(jsonPath("$.detail").value("No such application."))
                .andExpect(jsonPath("$.ref").value(org.hamcrest.Matchers.startsWith("req_")));
    }

    @Test
    void unknownFieldIsA400NamingTheFieldWithoutParserText() throws Exception {
        var result =
                postJson("{\"display_name\":\"W\",\"max_items\":3,\"tenant_id\":\"ten_x\"}")
                        .andExpect(status().isBadRequest())
                        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                        .andExpect(jsonPath("$.code").value("invalid_request"))
                        .andExpect(
                                jsonPath("$.type")
                                        .value("https://gatehouse.dev/problems/invalid-request"))
                        .andExpect(jsonPath("$.errors[0].field").value("tenant_id"))
                        .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
        assertNoLeak(result);
        assertThat(result.andReturn().getResponse().getContentAsString())
                .doesNotContain("known properties");
    }

    @Test
    void aFieldNamedTwiceIsA400NamingItInsteadOfTheLastOneWinning() throws Exception {
        postJson("{\"display_name\":\"W\",\"max_items\":3,\"display_name\":\"admin\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_request"))
                .andExpect(jsonPath("$.detail").value("A field appears more than once."))
                .andExpect(jsonPath("$.errors[0].field").value("display_name"))
                .andExpect(jsonPath("$.errors[0].message").value("appears more than once"));
    }

    @Test
    void aFieldNamedTwiceInANestedObjectIsA400WithItsPath() throws Exception {
        assertNoLeak(
                postJson(
                                "{\"display_name\":\"W\",\"max_items\":3,\"metadata\":"
                                        + "{\"labels\":{\"team\":\"a\",\"team\":\"SELECT\"}}}")
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.errors[0].field").value("metadata.labels.team"))
                        .andExpect(
                                jsonPath("$.errors[0].message").value("appears more than once")));
        postJson(
                        "{\"display_name\":\"W\",\"max_items\":3,\"metadata\":"
                                + "{\"list\":[{\"k\":1},{\"k\":1,\"k\":2}]}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("metadata.list[1].k"));
    }

    @Test
    void theSameNameInSiblingObjectsIsNoDuplicate() throws Exception {
        postJson(
                        "{\"display_name\":\"W\",\"max_items\":3,\"metadata\":"
                                + "{\"a\":{\"k\":1},\"b\":{\"k\":1},\"display_name\":2}}")
                .andExpect(status().isOk());
    }

    @Test
    void malformedJsonIsA400WithoutEchoingTheInput() throws Exception {
        var result =
                postJson("{\"display_name\": SELECT * FROM secret_table")
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.errors[0].field").value("body"))
                        .andExpect(jsonPath("$.errors[0].message").value("is not valid JSON"));
        assertNoLeak(result);
    }

    @Test
    void wrongTypeIsA400NamingTheField() throws Exception {
        postJson("{\"display_name\":\"W\",\"max_items\":\"many\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("max_items"));
        postJson("{\"display_name\":\"W\",\"max_items\":1,\"tags\":[1,{}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tags[1]"));
    }

    @Test
    void everyWrongAndUnknownFieldIsListedAtOnceWithTheExpectedType() throws Exception {
        assertNoLeak(
                postJson(
                                "{\"display_name\":5,\"max_items\":\"x\",\"tags\":[1,1.5],"
                                        + "\"tenant_id\":\"ten_x\",\"max_items_x\":null}")
                        .andExpect(status().isBadRequest())
                        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                        .andExpect(jsonPath("$.code").value("invalid_request"))
                        .andExpect(
                                jsonPath("$.detail")
                                        .value(
                                                "Some fields are unknown or have the wrong type"
                                                        + " or format."))
                        .andExpect(jsonPath("$.errors.length()").value(5))
                        .andExpect(jsonPath("$.errors[0].field").value("display_name"))
                        .andExpect(
                                jsonPath("$.errors[0].message")
                                        .value("expected a string, got a whole number"))
                        .andExpect(jsonPath("$.errors[1].field").value("max_items"))
                        .andExpect(
                                jsonPath("$.errors[1].message")
                                        .value("expected a whole number, got a string"))
                        .andExpect(jsonPath("$.errors[2].field").value("tags[1]"))
                        .andExpect(jsonPath("$.errors[3].field").value("tenant_id"))
                        .andExpect(jsonPath("$.errors[3].message").value("is not a known field"))
                        .andExpect(jsonPath("$.errors[4].field").value("max_items_x")));
    }

    @Test
    void missingBodyIsA400() throws Exception {
        postJson("")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_request"));
    }

    @Test
    void beanValidationErrorsListEveryFieldInSnakeCase() throws Exception {
        postJson("{\"display_name\":\" \",\"max_items\":0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[?(@.field == 'display_name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'max_items')]").exists());
    }

    @Test
    void missingAndMistypedParametersAre400() throws Exception {
        mvc.perform(get("/v1/things"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"))
                .andExpect(jsonPath("$.errors[0].message").value("is required"));
        mvc.perform(get("/v1/things").param("limit", "SELECT * FROM secret_table"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"))
                .andExpect(jsonPath("$.errors[0].message").value("expected a whole number"));
    }

    @Test
    void unknownRouteIs404Problem() throws Exception {
        mvc.perform(get("/v1/nowhere"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("not_found"));
    }

    @Test
    void wrongMethodIs405ProblemWithAllow() throws Exception {
        mvc.perform(delete("/v1/things"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("method_not_allowed"))
                .andExpect(header().string("Allow", "GET"));
    }

    @Test
    void unacceptableMediaTypeIs406ProblemAnyway() throws Exception {
        mvc.perform(get("/v1/things").param("limit", "1").accept(MediaType.APPLICATION_XML))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("not_acceptable"));
    }

    @Test
    void unsupportedContentTypeIs415Problem() throws Exception {
        mvc.perform(post("/v1/widgets").contentType(MediaType.TEXT_PLAIN).content("hi"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("unsupported_media_type"));
    }

    @Test
    void sqlExceptionIsAGeneric500WithRef() throws Exception {
        var result =
                mvc.perform(get("/v1/sql"))
                        .andExpect(status().isInternalServerError())
                        .andExpect(jsonPath("$.code").value("internal_error"))
                        .andExpect(jsonPath("$.detail").value(Problems.INTERNAL_DETAIL))
                        .andExpect(jsonPath("$.ref").isString());
        assertNoLeak(result);
    }

    @Test
    void dataAccessExceptionIsAGeneric500() throws Exception {
        assertNoLeak(
                mvc.perform(get("/v1/dao"))
                        .andExpect(status().isInternalServerError())
                        .andExpect(jsonPath("$.code").value("internal_error")));
    }

    @Test
    void anyOtherExceptionIsAGeneric500() throws Exception {
        assertNoLeak(
                mvc.perform(get("/v1/boom"))
                        .andExpect(status().isInternalServerError())
                        .andExpect(jsonPath("$.detail").value(Problems.INTERNAL_DETAIL)));
    }

    @Test
    void refInBodyMatchesTheRequestIdHeader() throws Exception {
        var response = mvc.perform(get("/v1/boom")).andReturn().getResponse();
        String ref = response.getHeader("X-Request-Id");
        assertThat(ref).startsWith("req_");
        assertThat(response.getContentAsString()).contains("\"ref\":\"" + ref + "\"");
    }

    @Test
    void errorAskedForDirectlyIsTheUnknownRoute404() throws Exception {
        mvc.perform(get("/error"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("not_found"));
    }

    @Test
    void anErrorDispatchOfAFailureIsStillAGeneric500() throws Exception {
        assertNoLeak(
                mvc.perform(
                                get("/error")
                                        .with(
                                                request -> {
                                                    request.setDispatcherType(DispatcherType.ERROR);
                                                    request.setAttribute(
                                                            RequestDispatcher.ERROR_STATUS_CODE,
                                                            500);
                                                    request.setAttribute(
                                                            RequestDispatcher.ERROR_EXCEPTION,
                                                            new IllegalStateException(
                                                                    "SELECT * FROM secret_table"));
                                                    return request;
                                                }))
                        .andExpect(status().isInternalServerError())
                        .andExpect(jsonPath("$.code").value("internal_error"))
                        .andExpect(jsonPath("$.detail").value(Problems.INTERNAL_DETAIL)));
    }
}
