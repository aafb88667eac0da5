from django import forms


class TextForm(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=200)
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown: **fet**, *kursiv*, listor med -, länkar som [text](https://…).",
    )
