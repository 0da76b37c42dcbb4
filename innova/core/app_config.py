"""The one way an app joins the project's registries: it declares them on its ``AppConfig``.

Lower apps expose registries (core's ``personal_data``, ``moderation``, ``visibility``, ``baseline``; problems'
``trail``; fronts' and the extensions' ``*_register`` functions) and upper apps join them, so a lower app never
imports an upper one. Rather than each ``ready()`` importing and calling them by hand, an app's config subclasses
``InnovaAppConfig`` and names what it registers as dotted paths, resolved in ``ready()``: a path starting with ``.``
is inside the app (``".selectors.problem_personal_data"``), any other is absolute
(``"innova.problems.trail.register"``). Models are named by class inside the app (``"Problem"``). Registration runs
in a fixed order — personal data, moderation, visibility, baseline, then ``registers`` in the order written — and
apps run in ``INSTALLED_APPS`` order. What fits no declaration stays in the app's own ``ready()``, which calls
``super().ready()``.

Import this module, not the class (``from innova.core import app_config``): Django takes the one ``AppConfig``
subclass an ``apps.py`` defines, and an imported class would be a second one.
"""

from importlib import import_module

from django.apps import AppConfig


class InnovaAppConfig(AppConfig):
    # (section, export function, erase function or None) for core.personal_data.register.
    personal_data: tuple[str, str, str | None] | None = None
    # model → options of core.moderation.register; "on_hidden_changed" is a path.
    moderated: dict[str, dict] = {}
    # model → a django-rules permission ("problems.view_problem") or a path to a function (user, obj) -> bool.
    visible: dict[str, str] = {}
    # model → the field of the object whose page shows it (core.visibility.part_of).
    visible_inside: dict[str, str] = {}
    # functions that load the data the migrations load (core.baseline.register).
    baseline: tuple[str, ...] = ()
    # (register function of another registry, what it registers), called in this order.
    registers: tuple[tuple[str, str], ...] = ()

    def resolve(self, path: str):
        """The object a dotted path names: a function, a class or a module."""
        full = f"{self.name}{path}" if path.startswith(".") else path
        module_path, _, attribute = full.rpartition(".")
        try:
            return getattr(import_module(module_path), attribute)
        except AttributeError:
            return import_module(full)  # a submodule not imported yet

    def ready(self):
        from innova.core import baseline, moderation, personal_data, visibility

        if self.personal_data:
            section, export, erase = self.personal_data
            personal_data.register(section, export=self.resolve(export), erase=erase and self.resolve(erase))
        for model, options in self.moderated.items():
            if "on_hidden_changed" in options:
                options = {**options, "on_hidden_changed": self.resolve(options["on_hidden_changed"])}
            moderation.register(self.get_model(model), **options)
        for model, rule in self.visible.items():
            visibility.register(self.get_model(model), self.resolve(rule) if rule.startswith(".") else rule)
        for model, parent in self.visible_inside.items():
            visibility.register(self.get_model(model), visibility.part_of(parent))
        for loader in self.baseline:
            baseline.register(self.resolve(loader))
        for register, what in self.registers:
            self.resolve(register)(self.resolve(what))
