from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def index(request):
    return render(
        request, "notifications/index.html", {"notifications": selectors.notification_list(user=request.user)[:100]}
    )


@login_required
@require_POST
def mark_read(request):
    services.notification_mark_read(user=request.user)
    return redirect("notifications:index")
