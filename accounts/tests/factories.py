import factory
from allauth.account.models import EmailAddress

from accounts import totp
from accounts.models import Assurance, Membership, Role, User
from institutions.tests.factories import InstitutionFactory

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    preferred_language = "fr"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        verified = factory.Trait(assurance_level=Assurance.EMAIL_VERIFIED)

    @factory.post_generation
    def email_address(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=self.assurance_level >= Assurance.EMAIL_VERIFIED
            )
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, verified=True)
    institution = factory.SubFactory(InstitutionFactory)
    role = Role.CASE_OFFICER

    class Params:
        admin = factory.Trait(role=Role.INSTITUTION_ADMIN)
        front_desk = factory.Trait(role=Role.FRONT_DESK)


def with_totp(user: User) -> User:
    """Give a staff member an authenticator (the demo secret), as if they had set it up."""
    from portal.demo import DEMO_TOTP_SECRET

    totp.totp_activate(user, DEMO_TOTP_SECRET)
    return user


def totp_code() -> str:
    from portal.demo import DEMO_TOTP_SECRET

    return totp.totp_code(DEMO_TOTP_SECRET)


def staff(role: str = Role.CASE_OFFICER, institution=None, mfa: bool = True) -> User:
    extra = {"institution": institution} if institution else {}
    membership: Membership = MembershipFactory(role=role, **extra)  # type: ignore[assignment]
    if mfa:
        with_totp(membership.user)
    return membership.user
