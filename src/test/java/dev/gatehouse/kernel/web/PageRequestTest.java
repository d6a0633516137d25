package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class PageRequestTest {

    record Row(long id, String publicId) {}

    private static final String ID = "key_0123456789abcdefghjkmnpqrs";

    @Test
    void limitDefaultsToTwentyAndAcceptsOneToAHundred() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(20);
        assertThat(PageRequest.of("1", null).limit()).isEqualTo(1);
        assertThat(PageRequest.of("100", null).limit()).isEqualTo(100);
        assertThat(PageRequest.of("7", null).fetchSize()).isEqualTo(8);
    }

    @Test
    void aLimitOutsideTheRangeIsA400NamingLimit() {
        for (String bad : List.of("0", "101", "-1", "ten", "2.5", "")) {
            ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> PageRequest.of(bad, null));
            assertThat(p.status()).as(bad).isEqualTo(400);
            assertThat(p.errors())
                    .containsExactly(
                            new ApiProblem.FieldMessage(
                                    "limit", "must be a whole number between 1 and 100"));
        }
    }

    @Test
    void aCursorIsTheBase64urlOfAPublicIdAndAnythingElseIsA400() {
        assertThat(PageRequest.of(null, cursorOf(ID)).cursorId()).isEqualTo(ID);
        for (String bad : List.of("%%%", cursorOf("1234"), cursorOf("key_TOO_SHORT"))) {
            ApiProblem p = catchThrowableOfType(ApiProblem.class, () -> PageRequest.of(null, bad));
            assertThat(p.errors())
                    .containsExactly(
                            new ApiProblem.FieldMessage("cursor", "is not a valid cursor"));
        }
    }

    @Test
    void thePageStartsAfterTheCursorsItemOrAtTheBeginning() {
        Map<String, Long> known = Map.of(ID, 42L);
        assertThat(
                        PageRequest.of(null, null)
                                .startAfter(0, id -> Optional.ofNullable(known.get(id))))
                .isZero();
        assertThat(
                        PageRequest.of(null, cursorOf(ID))
                                .startAfter(0, id -> Optional.ofNullable(known.get(id))))
                .isEqualTo(42);
        ApiProblem foreign =
                catchThrowableOfType(
                        ApiProblem.class,
                        () ->
                                PageRequest.of(null, cursorOf(ID))
                                        .startAfter(0, id -> Optional.empty()));
        assertThat(foreign.errors())
                .containsExactly(
                        new ApiProblem.FieldMessage("cursor", "is not a cursor from this list"));
    }

    @Test
    void aFullFetchShowsOnePageAndPointsAtItsLastItem() {
        PageRequest page = PageRequest.of("2", null);
        Page<Long> cut = page.cut(rows(3), Row::publicId, Row::id);
        assertThat(cut.data()).containsExactly(1L, 2L);
        assertThat(cut.nextCursor()).isEqualTo(cursorOf(rows(3).get(1).publicId()));
        assertThat(PageRequest.of(null, cut.nextCursor()).cursorId())
                .isEqualTo(rows(3).get(1).publicId());
    }

    @Test
    void aShortFetchIsTheLastPage() {
        PageRequest page = PageRequest.of("2", null);
        assertThat(page.cut(rows(2), Row::publicId, Row::id).nextCursor()).isNull();
        assertThat(page.cut(rows(0), Row::publicId, Row::id).data()).isEmpty();
    }

    @Test
    void viewsBuiltTogetherSeeOnlyTheShownRows() {
        List<List<Row>> seen = new ArrayList<>();
        Page<String> cut =
                PageRequest.of("2", null)
                        .cutAll(
                                rows(3),
                                Row::publicId,
                                shown -> {
                                    seen.add(shown);
                                    return shown.stream().map(Row::publicId).toList();
                                });
        assertThat(seen).singleElement().asList().hasSize(2);
        assertThat(cut.data()).hasSize(2);
    }

    private static List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Row(i, "key_" + "0".repeat(25) + i));
        }
        return rows;
    }

    private static String cursorOf(String id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }
}
