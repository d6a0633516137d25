package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.web.RateLimiter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Identity's beans, made from the kernel's: the use cases stay free of Spring. {@link Users} is a
 * {@code @Repository} found by component scanning.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    Passwords passwords() {
        return new Passwords();
    }

    @Bean
    PasswordPolicy passwordPolicy() {
        return PasswordPolicy.standard();
    }

    @Bean
    OneTimePasswords oneTimePasswords(SecureRandom random) {
        return new OneTimePasswords(random);
    }

    @Bean
    Totp totp(Clock clock) {
        return new Totp(clock);
    }

    @Bean
    SecondFactor secondFactor(Vault vault, Totp totp, SecureRandom random) {
        return new SecondFactor(vault, totp, random);
    }

    /** Lets {@code gatehouse vault rotate} re-seal the TOTP secrets. */
    @Bean
    SealedColumn totpSecretColumn() {
        return SecondFactor.column();
    }

    @Bean
    UserAdministration userAdministration(
            Users users,
            Passwords passwords,
            OneTimePasswords oneTimePasswords,
            PublicIds ids,
            Transactions tx,
            AuditLog audit,
            Clock clock) {
        return new UserAdministration(users, passwords, oneTimePasswords, ids, tx, audit, clock);
    }

    @Bean
    AccountSecurity accountSecurity(
            Users users,
            Passwords passwords,
            PasswordPolicy policy,
            OneTimePasswords oneTimePasswords,
            SecondFactor secondFactor,
            RateLimiter limiter,
            Transactions tx,
            AuditLog audit,
            Clock clock) {
        return new AccountSecurity(
                users,
                passwords,
                policy,
                oneTimePasswords,
                secondFactor,
                limiter,
                tx,
                audit,
                clock);
    }

    @Bean
    SignIn signIn(
            Users users,
            Passwords passwords,
            SecondFactor secondFactor,
            RateLimiter limiter,
            AuditLog audit,
            Clock clock) {
        return new SignIn(users, passwords, secondFactor, limiter, audit, clock);
    }
}
