package dev.gatehouse.domains;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;

/**
 * The code points IDNA 2008 lets into a label (RFC 5892's derived property), which UTS 46 alone
 * does not enforce: UTS 46 keeps symbols such as {@code ☃} ({@code NV8} in its mapping table) that
 * IDNA 2008 disallows. Pure and thread-safe.
 *
 * <p>Design: the derivation of RFC 5892 section 3 applied to ICU's Unicode properties, in the RFC's
 * order: exceptions, unassigned, LDH, join controls, unstable under NFKC case folding, ignorable
 * properties and blocks, old Hangul jamo, and finally letters, digits and marks. A code point is
 * allowed when it derives to PVALID, CONTEXTJ or CONTEXTO; the contextual rules themselves are
 * checked by ICU ({@code CHECK_CONTEXTJ}, {@code CHECK_CONTEXTO}).
 */
final class Idna2008 {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private Idna2008() {}

    /**
     * @param unicode a name in Unicode form (U-labels), as UTS 46 maps it
     * @return true when every code point of every label is allowed by IDNA 2008
     */
    static boolean allowed(String unicode) {
        return unicode.codePoints().allMatch(cp -> cp == '.' || allowed(cp));
    }

    static boolean allowed(int cp) {
        return switch (exception(cp)) {
            case ALLOWED -> true;
            case DISALLOWED -> false;
            case NONE -> derived(cp);
        };
    }

    private enum Exception {
        ALLOWED,
        DISALLOWED,
        NONE
    }

    /** RFC 5892 section 2.6: PVALID or CONTEXTO (allowed), DISALLOWED, or not an exception. */
    private static Exception exception(int cp) {
        return switch (cp) {
            case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007 -> Exception.ALLOWED;
            case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB -> Exception.ALLOWED;
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x303B -> Exception.DISALLOWED;
            default -> {
                if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) {
                    yield Exception.ALLOWED;
                }
                yield cp >= 0x3031 && cp <= 0x3035 ? Exception.DISALLOWED : Exception.NONE;
            }
        };
    }

    private static boolean derived(int cp) {
        int category = UCharacter.getType(cp);
        if (category == UCharacterCategory.UNASSIGNED
                && !UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT)) {
            return false;
        }
        if (cp == '-' || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')) {
            return true;
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.JOIN_CONTROL)) {
            return true;
        }
        return !unstable(cp) && !ignorable(cp) && !oldHangulJamo(cp) && letterOrDigit(category);
    }

    private static boolean unstable(int cp) {
        String s = Character.toString(cp);
        return !s.equals(NFKC.normalize(UCharacter.foldCase(NFKC.normalize(s), true)));
    }

    private static boolean ignorable(int cp) {
        UCharacter.UnicodeBlock block = UCharacter.UnicodeBlock.of(cp);
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || UCharacter.hasBinaryProperty(cp, UProperty.WHITE_SPACE)
                || UCharacter.hasBinaryProperty(cp, UProperty.NONCHARACTER_CODE_POINT)
                || block == UCharacter.UnicodeBlock.COMBINING_MARKS_FOR_SYMBOLS
                || block == UCharacter.UnicodeBlock.MUSICAL_SYMBOLS
                || block == UCharacter.UnicodeBlock.ANCIENT_GREEK_MUSICAL_NOTATION;
    }

    private static boolean oldHangulJamo(int cp) {
        int type = UCharacter.getIntPropertyValue(cp, UProperty.HANGUL_SYLLABLE_TYPE);
        return type == UCharacter.HangulSyllableType.LEADING_JAMO
                || type == UCharacter.HangulSyllableType.VOWEL_JAMO
                || type == UCharacter.HangulSyllableType.TRAILING_JAMO;
    }

    private static boolean letterOrDigit(int category) {
        return category == UCharacterCategory.LOWERCASE_LETTER
                || category == UCharacterCategory.UPPERCASE_LETTER
                || category == UCharacterCategory.OTHER_LETTER
                || category == UCharacterCategory.DECIMAL_DIGIT_NUMBER
                || category == UCharacterCategory.MODIFIER_LETTER
                || category == UCharacterCategory.NON_SPACING_MARK
                || category == UCharacterCategory.COMBINING_SPACING_MARK;
    }
}
