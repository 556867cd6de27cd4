"""Writes for accounts: profile, level of assurance, identity checks, memberships, API keys, erasure."""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiKey, Assurance, IdentityCheck, Membership, Role, User
from audit.services import SYSTEM, Context, audit_record
from core.registry import data_erasers
from core.rights import is_platform_admin

if TYPE_CHECKING:
    from institutions.models import Institution

PROFILE_FIELDS = ("full_name", "preferred_language", "commune", "phone")


@transaction.atomic
def account_update_profile(*, actor: User, user: User, context: Context = SYSTEM, **fields: Any) -> User:
    """Change a person's own profile fields; records what changed (not the values)."""
    if actor.pk != user.pk:
        raise PermissionDenied
    # Compare with the stored row: a bound ModelForm has already changed the instance in memory.
    stored = User.objects.select_for_update().get(pk=user.pk)
    changed = [name for name in PROFILE_FIELDS if name in fields and getattr(stored, name) != fields[name]]
    for name in changed:
        setattr(user, name, fields[name])
    if changed:
        user.save(update_fields=changed)
        audit_record(
            actor=actor, action="account.profile_update", obj=user, changes={"fields": changed}, context=context
        )
    return user


def assurance_compute(user: User) -> int:
    """Level 2 with a valid in-person check, 1 with a verified email, else 0."""
    if user.identity_checks.filter(revoked_at__isnull=True).exists():
        return Assurance.IDENTITY_CHECKED
    from allauth.account.models import EmailAddress

    if EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        return Assurance.EMAIL_VERIFIED
    return Assurance.REGISTERED


@transaction.atomic
def account_assurance_refresh(*, user: User, actor: User | None = None, context: Context = SYSTEM) -> int:
    level = assurance_compute(user)
    if level != user.assurance_level:
        before = user.assurance_level
        User.objects.filter(pk=user.pk).update(assurance_level=level)
        user.assurance_level = level
        audit_record(
            actor=actor,
            action="account.assurance_change",
            obj=user,
            changes={"assurance_level": [before, level]},
            context=context,
        )
    return level


def document_hash(number: str) -> str:
    """Keyed hash of a document number, normalised (case, spaces, dashes)."""
    normalised = re.sub(r"[\s\-./]", "", number).upper()
    return hmac.new(settings.IDENTITY_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


class DocumentAlreadyUsed(ValidationError):
    pass


@transaction.atomic
def identity_check_record(
    *, actor: User, user: User, office: Any, document_kind: str, document_number: str, context: Context
) -> IdentityCheck:
    """An agent saw the person's identity document at a Citizen Office: raise to level 2."""
    from accounts.permissions import has_role

    if not has_role(actor, office.institution, [Role.FRONT_DESK, Role.INSTITUTION_ADMIN]):
        raise PermissionDenied
    digest = document_hash(document_number)
    if IdentityCheck.objects.filter(document_hash=digest, revoked_at__isnull=True).exclude(user=user).exists():
        raise DocumentAlreadyUsed(_("This document already verifies another account."), code="document_used")
    check = IdentityCheck.objects.create(
        user=user, office=office, agent=actor, document_kind=document_kind, document_hash=digest
    )
    audit_record(
        actor=actor,
        action="account.identity_check",
        obj=user,
        institution=office.institution,
        changes={"office": office.pk, "document_kind": document_kind},
        context=context,
    )
    account_assurance_refresh(user=user, actor=actor, context=context)
    from notifications.services import notify

    notify(
        recipient=user,
        template="identity_checked",
        institution=office.institution,
        context={"office": office, "date": timezone.localtime(check.checked_at).date()},
        key=f"identity_checked:{check.pk}",
    )
    return check


def _require_admin(actor: User, institution: Institution) -> None:
    from accounts.permissions import has_role

    if not (is_platform_admin(actor) or has_role(actor, institution, [Role.INSTITUTION_ADMIN])):
        raise PermissionDenied


@transaction.atomic
def membership_grant(
    *, actor: User, user: User, institution: Institution, role: str, department: Any = None, context: Context = SYSTEM
) -> Membership:
    _require_admin(actor, institution)
    if department is not None and department.institution_id != institution.pk:
        raise ValidationError(_("This department belongs to another institution."), code="department")
    membership, created = Membership.objects.get_or_create(
        user=user, institution=institution, role=role, defaults={"department": department}
    )
    if not created and (not membership.is_active or membership.department_id != getattr(department, "pk", None)):
        membership.is_active = True
        membership.department = department
        membership.save(update_fields=["is_active", "department"])
    audit_record(
        actor=actor,
        action="membership.grant",
        obj=membership,
        institution=institution,
        changes={"user": user.pk, "role": role},
        context=context,
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership, context: Context = SYSTEM) -> Membership:
    _require_admin(actor, membership.institution)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="membership.revoke",
        obj=membership,
        institution=membership.institution,
        changes={"user": membership.user_id, "role": membership.role},
        context=context,
    )
    return membership


@transaction.atomic
def api_key_create(*, actor: User | None, owner: User, name: str, context: Context = SYSTEM) -> tuple[ApiKey, str]:
    """Make a partner's key to the public API; returns the key itself, to be shown once and never again.

    Platform administrators only; ``actor=None`` is the system (``manage.py api_key_create`` on the server).
    """
    if actor is not None and not is_platform_admin(actor):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError(_("Say what the key is for."), code="name")
    key = ApiKey.generate()
    api_key = ApiKey.objects.create(owner=owner, name=name, prefix=key[:8], digest=ApiKey.digest_of(key))
    audit_record(
        actor=actor,
        action="api_key.create",
        obj=api_key,
        changes={"owner": owner.pk, "name": name},
        context=context,
    )
    return api_key, key


@transaction.atomic
def api_key_revoke(*, actor: User | None, key: ApiKey, context: Context = SYSTEM) -> ApiKey:
    """Stop a key at once (its owner or a platform administrator; ``actor=None`` is the system)."""
    if actor is not None and actor.pk != key.owner_id and not is_platform_admin(actor):
        raise PermissionDenied
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_key.revoke", obj=key, context=context)
    return key


@transaction.atomic
def account_erase(*, actor: User, user: User, context: Context = SYSTEM) -> None:
    """Delete an account (law 09-08): modules anonymise public contributions, legal records stay
    without the person; the account itself keeps only an anonymous shell for foreign keys."""
    if actor.pk != user.pk and not is_platform_admin(actor):
        raise PermissionDenied
    for _key, eraser in data_erasers.items():
        eraser(user)
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).update(is_active=False)
    # The person may register again: their document must be free to verify the new account.
    IdentityCheck.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    # No one answers for the person's API keys any more.
    ApiKey.objects.filter(owner=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    user.email = f"erased-{user.public_id}@invalid.invalid"
    user.full_name = ""
    user.phone = ""
    user.commune = None
    user.is_active = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    audit_record(actor=None, action="account.erase", obj=user, context=context)


@transaction.atomic
def account_signed_up(*, user: User, context: Context = SYSTEM) -> None:
    """Record the sign-up and welcome the person in their language."""
    from notifications.services import notify

    audit_record(actor=user, action="account.signup", obj=user, context=context)
    notify(recipient=user, template="welcome", url="/", key=f"welcome:{user.pk}")


@transaction.atomic
def identity_check_revoke(
    *, actor: User, check: IdentityCheck, reason: str, context: Context = SYSTEM
) -> IdentityCheck:
    """Withdraw an identity check made in error (wrong person, wrong document): the level of assurance drops back.

    Front-desk agents and admins of the institution whose office made the check; the reason goes to the audit trail.
    """
    from accounts.permissions import has_role

    if not has_role(actor, check.office.institution, [Role.FRONT_DESK, Role.INSTITUTION_ADMIN]):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the check is withdrawn."), code="reason")
    check = IdentityCheck.objects.select_for_update().select_related("office", "user").get(pk=check.pk)
    if check.revoked_at is not None:
        return check
    check.revoked_at = timezone.now()
    check.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="account.identity_check_revoke",
        obj=check.user,
        institution=check.office.institution,
        changes={"check": check.pk, "office": check.office_id, "document_kind": check.document_kind, "reason": reason},
        context=context,
    )
    account_assurance_refresh(user=check.user, actor=actor, context=context)
    from notifications.services import notify

    notify(
        recipient=check.user,
        template="identity_check_revoked",
        institution=check.office.institution,
        context={"office": check.office, "date": timezone.localtime(check.checked_at).date()},
        key=f"identity_check_revoked:{check.pk}",
    )
    return check


@transaction.atomic
def account_create_at_desk(
    *,
    actor: User,
    office: Any,
    full_name: str,
    phone: str = "",
    preferred_language: str = "",
    context: Context = SYSTEM,
) -> User:
    """An account an agent makes for someone at a desk without an email address (a phone number, or nothing).

    It has no password and cannot sign in: the person claims it online later with the code on the desk's receipt,
    giving it an address (confirmed) and a password. Until then messages go to the phone, if any, and to the
    account's inbox on the site."""
    import uuid

    from accounts.models import DESK_EMAIL_DOMAIN
    from accounts.permissions import has_role

    if not has_role(actor, office.institution, [Role.FRONT_DESK, Role.INSTITUTION_ADMIN]):
        raise PermissionDenied
    name = " ".join(full_name.split())
    if not name:
        raise ValidationError({"full_name": _("Give the person's name.")})
    languages = {code for code, _label in settings.LANGUAGES}
    user = User(
        email=f"desk-{uuid.uuid4().hex}{DESK_EMAIL_DOMAIN}",
        full_name=name[:150],
        phone=phone.strip()[:20],
        preferred_language=preferred_language if preferred_language in languages else settings.LANGUAGE_CODE,
    )
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=actor,
        action="account.created_at_desk",
        obj=user,
        institution=office.institution,
        changes={"office": office.pk, "phone": bool(user.phone)},
        context=context,
    )
    return user


class AddressTaken(ValidationError):
    """The address chosen when claiming belongs to another account."""


@transaction.atomic
def account_claim(*, user: User, email: str, password: str, context: Context = SYSTEM) -> Any:
    """The person gives the account made for them at a desk their address and a password. They sign in once the
    address is confirmed (the caller sends the confirmation after the commit); returns the new EmailAddress."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.password_validation import validate_password

    if not user.made_at_desk:
        raise ValidationError(_("This account already has an address: sign in with it."))
    address = email.strip().lower()
    if (
        User.objects.filter(email__iexact=address).exists()
        or EmailAddress.objects.filter(email__iexact=address).exists()
    ):
        raise AddressTaken(
            {"email": _("This address already has an account. Use another one, or ask at a Citizen Office desk.")}
        )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from error
    user.email = address
    user.set_password(password)
    user.save(update_fields=["email", "password"])
    confirmation = EmailAddress.objects.create(user=user, email=address, verified=False, primary=True)
    audit_record(actor=user, action="account.claimed", obj=user, context=context)
    return confirmation
