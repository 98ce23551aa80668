from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_user

from ..access import ADMIN, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import User
from ..services import users
from ..services.errors import ServiceError
from . import bp
from .forms import EditUserForm, NewUserForm, PasswordForm, role_items


def _user_or_404(user_id: int):
    user = db.get_or_404(User, user_id)
    return user


def _show_error(form, error: ServiceError, default_field: str) -> None:
    db.session.rollback()
    show_error(form, error, default_field)


@bp.route("/users")
@allow(ADMIN)
def users_list():
    return render_template("admin/users.html", title="Users", users=users.list_users(db.session))


@bp.route("/users/new", methods=["GET", "POST"])
@allow(ADMIN)
def user_new():
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = users.create_user(db.session, form.email.data, form.name.data, form.role.data,
                                     form.password.data, actor=current_user)
        except ServiceError as error:
            _show_error(form, error, "email")
        else:
            db.session.commit()
            flash(f"{user.name} has been added. They can sign in with {user.email}.", "success")
            return redirect(url_for(".users_list"))
    return render_template("admin/user_new.html", title="Add a user", form=form, role_items=role_items())


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@allow(ADMIN)
def user_edit(user_id: int):
    user = _user_or_404(user_id)
    form = EditUserForm(obj=user)
    if form.validate_on_submit():
        try:
            users.update_user(db.session, user, current_user, name=form.name.data, role=form.role.data,
                              active=form.active.data)
        except ServiceError as error:
            _show_error(form, error, "role")
        else:
            db.session.commit()
            flash(f"{user.name}’s details have been saved.", "success")
            return redirect(url_for(".users_list"))
    return render_template("admin/user_edit.html", title=f"Change {user.name}", form=form, user=user,
                           role_items=role_items(), is_self=user.id == current_user.id)


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@allow(ADMIN)
def user_password(user_id: int):
    user = _user_or_404(user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            users.set_password(db.session, user, form.password.data, actor=current_user)
        except ServiceError as error:
            _show_error(form, error, "password")
        else:
            db.session.commit()
            if user.id == current_user.id:
                login_user(user)  # their other sessions ended; this one carries on under the new version
            flash(f"A new password has been set for {user.name}. Tell them in person or by phone.", "success")
            return redirect(url_for(".users_list"))
    return render_template("admin/user_password.html", title=f"Set a new password for {user.name}", form=form,
                           user=user)
