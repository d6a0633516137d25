-- Consecutive wrong second-factor codes per user. After 10, authenticator codes are no longer
-- accepted until a recovery code is used (which resets the count), so guessing six digits cannot
-- go on for ever at the sign-in throttle's pace.
alter table users add column second_factor_failures integer not null default 0
    check (second_factor_failures >= 0);
