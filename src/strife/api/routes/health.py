"""GET /healthz: the process is up and the store answers."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from ...store import Store
from ..deps import get_store
from ..errors import ERROR_RESPONSES

router = APIRouter(tags=["health"], responses={503: ERROR_RESPONSES[503]})


@router.get("/healthz", summary="Liveness and store check")
def healthz(store: Store = Depends(get_store)) -> dict[str, object]:
    store.ping()
    return {"status": "ok", "schema_version": store.schema_version}
