package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.GetOwnSubscriptionQuery;
import dev.prompttracker.application.port.in.GetOwnSubscriptionUseCase;
import dev.prompttracker.application.port.in.ListSubscribersQuery;
import dev.prompttracker.application.port.in.ListSubscribersUseCase;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.application.port.in.SignUpSubscriberUseCase;
import dev.prompttracker.application.port.in.UpdateSubscriberCommand;
import dev.prompttracker.application.port.in.UpdateSubscriberUseCase;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.subscriber.DiscountCode;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.subscriber.SignupSource;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The email list: signup, a subscriber's own record, and the admin's list and changes. */
final class SubscriberService implements SignUpSubscriberUseCase, GetOwnSubscriptionUseCase, ListSubscribersUseCase,
        UpdateSubscriberUseCase {
    private static final String NOT_SUBSCRIBED = "this email is not subscribed";

    private final SubscriberRepository subscribers;
    private final SubscriberReadModel readModel;
    private final Quotas quotas;
    private final Clock clock;

    SubscriberService(SubscriberRepository subscribers, SubscriberReadModel readModel, Quotas quotas, Clock clock) {
        this.subscribers = subscribers;
        this.readModel = readModel;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public Email signUp(SignUpSubscriberCommand command) {
        InputCheck check = new InputCheck();
        Optional<Email> email = check.field(() -> Email.parse(command.email()));
        Optional<Optional<PersonName>> first = check.field(() -> PersonName.parseOptional(command.firstName(), "firstName"));
        Optional<Optional<PersonName>> last = check.field(() -> PersonName.parseOptional(command.lastName(), "lastName"));
        Optional<SignupSource> source = check.field(() -> SignupSource.parse(command.referrer(), command.utmSource(),
                command.utmMedium(), command.utmCampaign()));
        check.done();
        quotas.signUp(command.client(), email.orElseThrow());
        Instant now = clock.instant();
        Subscriber candidate = Subscriber.signUp(email.orElseThrow(), first.orElseThrow(), last.orElseThrow(),
                Optional.empty(), source.orElseThrow(), now);
        Subscriber stored = readModel.write(candidate.email(), () -> subscribers.createIfAbsent(candidate));
        // Whoever typed the address may not be its owner: only the proven owner brings it back.
        boolean provenOwner = command.actor() instanceof Actor.SignedIn signedIn && signedIn.emailVerified()
                && signedIn.email().equals(stored.email());
        if (!stored.id().equals(candidate.id()) && stored.state() == SubscriberState.UNSUBSCRIBED && provenOwner) {
            readModel.write(stored.email(), () -> subscribers.update(stored.administer(stored.hasAccess(),
                    stored.hasPurchased(), stored.discountCode(), SubscriberState.ACTIVE, now)));
        }
        return stored.email();
    }

    @Override
    public Subscriber ownSubscription(GetOwnSubscriptionQuery query) {
        Actor.SignedIn actor = AuthService.signedIn(query.actor());
        return readModel.find(actor.provenEmail()).orElseThrow(() -> new NotFound(NOT_SUBSCRIBED));
    }

    @Override
    public Page<Subscriber> listSubscribers(ListSubscribersQuery query) {
        Roles.admin(query.actor());
        return subscribers.list(PromptService.pageRequest(query.pageSize(), query.pageToken()));
    }

    @Override
    public Subscriber updateSubscriber(UpdateSubscriberCommand command) {
        Roles.admin(command.actor());
        InputCheck check = new InputCheck();
        Optional<Optional<Optional<DiscountCode>>> code = check.field(() -> command.discountCode()
                .map(DiscountCode::parseOptional));
        Optional<Optional<SubscriberState>> state = check.field(() -> command.state().map(SubscriberService::state));
        check.done();
        Email email;
        try {
            email = Email.parse(command.email());
        } catch (Invalid notAnEmail) {
            throw new NotFound(NOT_SUBSCRIBED);
        }
        Subscriber current = subscribers.findByEmail(email).orElseThrow(() -> new NotFound(NOT_SUBSCRIBED));
        Subscriber revised = current.administer(
                command.hasAccess().orElse(current.hasAccess()),
                command.hasPurchased().orElse(current.hasPurchased()),
                code.orElseThrow().orElse(current.discountCode()),
                state.orElseThrow().orElse(current.state()),
                clock.instant());
        readModel.write(email, () -> subscribers.update(revised));
        return revised;
    }

    private static SubscriberState state(String raw) {
        try {
            return SubscriberState.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Invalid.field("state", "must be ACTIVE, UNSUBSCRIBED, BOUNCED or COMPLAINED");
        }
    }
}
