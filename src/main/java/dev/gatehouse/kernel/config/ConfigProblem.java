package dev.gatehouse.kernel.config;

/**
 * One thing wrong with the configuration, printed as {@code [CONFIG ERROR] NAME: reason}.
 *
 * @param name the setting's name as the operator writes it ({@code APP_KEY})
 * @param reason what is wrong, never the value itself when the setting is a secret
 */
public record ConfigProblem(String name, String reason) {

    @Override
    public String toString() {
        return "[CONFIG ERROR] " + name + ": " + reason;
    }
}
