import subprocess
import sys
import textwrap


def test_core_imports_with_pyside6_unimportable():
    code = textwrap.dedent(
        """
        import sys, pkgutil, importlib
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6."):
                    raise ImportError("PySide6 blocked for this test")
        sys.meta_path.insert(0, Block())
        import fedclient.core
        for mod in pkgutil.walk_packages(fedclient.core.__path__, "fedclient.core."):
            importlib.import_module(mod.name)
        import fedclient.cli
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
