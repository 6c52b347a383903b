# Herts non-emergency contact assistant. `make run` to use it, `make test` to test it.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SPACY_PIPELINE := models/spacy/herts_en
MODEL := models/triage.tar.gz
TRAIN_INPUTS := config.yml domain.yml $(shell find data bot actions -type f \( -name '*.yml' -o -name '*.py' -o -name '*.csv' -o -name '*.json' \) 2>/dev/null)
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false

.PHONY: eval-project install train run shell test eval eval-dev crossval lint validate story-test lock clean

install: $(INSTALLED)

$(INSTALLED): requirements.lock webchat/package-lock.json
	@PY=$$(scripts/find-python310) || exit 1; \
	  [ -x $(BIN)/python ] && $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' || $$PY -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==24.2
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	# the web page's browser assets (socket.io client; axe-core for the accessibility audit), from npm
	npm ci --prefix webchat --no-audit --no-fund --loglevel=error
	touch $@

train: $(MODEL)

$(MODEL): $(INSTALLED) $(TRAIN_INPUTS)
	$(BIN)/python -m bot.nlp.build_pipeline $(SPACY_PIPELINE)
	$(BIN)/rasa train --force --fixed-model-name triage --out models --config config.yml --domain domain.yml --data data
	touch $@

run: train
	$(BIN)/python -m bot.cli run

# Talk to it in a terminal, beside `make run` (its action server and conversation store).
shell: train
	test -f var/endpoints.yml || { echo "start 'make run' first (it writes var/endpoints.yml)"; exit 1; }
	$(BIN)/rasa shell --model $(MODEL) --endpoints var/endpoints.yml --port 5006

lint: $(INSTALLED)
	$(BIN)/ruff check bot actions channels tests

# Warnings expected: no_text is set by the triage gate, and the responses that custom actions send
# (clarifying, routing, referrals) are not in any rule or story the validator reads.
validate: $(INSTALLED)
	$(BIN)/rasa data validate --config config.yml --domain domain.yml --data data

story-test: train
	$(BIN)/rasa test core --stories tests/stories --model $(MODEL) --fail-on-prediction-errors --out var/story-results

test: lint validate train story-test
	$(BIN)/pytest

eval: train
	$(BIN)/python -m bot.evaluation.run

# The held-out sets without the baseline (whose DIET model takes 1-2 hours to train on 2 cores).
eval-project: train
	$(BIN)/python -m bot.evaluation.run --project-only

# The development sets (eval/dev/): what rules and thresholds are tuned on, never the held-out set.
eval-dev: train
	$(BIN)/python -m bot.evaluation.run --dev

# Tuning signal that never looks at the held-out set: 5-fold cross-validation of the real
# pipeline (gate included) on the training data. report_emergency recall is emergency recall.
crossval: train
	$(BIN)/rasa test nlu --cross-validation --folds 5 --config config.yml --nlu data/nlu --out reports/crossval

lock:
	python3 -m venv /tmp/herts-uv && /tmp/herts-uv/bin/pip install --quiet uv==0.5.11
	/tmp/herts-uv/bin/uv pip compile requirements.in --python-version 3.10 \
	  --python-platform x86_64-manylinux_2_28 --generate-hashes --quiet -o requirements.lock

clean:
	rm -rf models var/story-results .rasa
