"""The committed target template embeds exactly the handler's source file.

The behaviour tests run the .py file itself (conftest.py); this test alone catches drift
between that file and the Code.ZipFile of templates/target-stack.json (an edit of the file
without `swift run synth`, or a hand edit of the template). scripts/mutate leaves this test
out when it judges a mutant of the handler, which would otherwise always fail it.
"""

from conftest import HANDLER_FILE, HANDLER_ID, TEMPLATE_FILE, template_zipfile


def test_committed_template_embeds_the_handler_file_byte_for_byte():
    assert TEMPLATE_FILE.exists(), f"{TEMPLATE_FILE} is committed and must exist (run swift run synth)"
    zipfile = template_zipfile()
    assert zipfile is not None, f"{HANDLER_ID} has no string Properties.Code.ZipFile"
    assert zipfile.encode("utf-8") == HANDLER_FILE.read_bytes(), (
        f"{TEMPLATE_FILE.name} embeds another text than {HANDLER_FILE.name}: run swift run synth"
    )
