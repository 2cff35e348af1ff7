"""The demo agencies, each modelled on one of the seeds' agencies."""

from types import ModuleType

from prakat.demo import hot, kamphaeng_phet, mueang_loei

DEMOS: dict[str, ModuleType] = {m.KEY: m for m in (kamphaeng_phet, hot, mueang_loei)}
DEFAULT = kamphaeng_phet.KEY
