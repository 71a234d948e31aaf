"""A select of thousands of options, written in one pass.

Django renders every option of a select through its own template include, about 40 µs an option: a form with
the city's 3,348 regions spent 150 ms on that one field (most of a create page's time, and of the portal walks'
in the tests). `LongSelect` writes the same markup — the select's attributes, optgroups, the selected option —
in Python, so the browser and the tests see what Django's `Select` would give them.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    def _option(self, value, label, selected: set[str]) -> str:
        value = "" if value is None else str(value)
        chosen = " selected" if value in selected else ""
        return f'<option value="{conditional_escape(value)}"{chosen}>{conditional_escape(label)}</option>'

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = {"" if v is None else str(v) for v in self.format_value(value)}
        parts = [format_html('<select name="{}"{}>', name, flatatt(final_attrs))]
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts += [self._option(v, label, selected) for v, label in option_label]
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, option_label, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))
