package dev.descent.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static dev.descent.models.ModelsControllerTest.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = AliasesController.class)
@AutoConfigureMockMvc(addFilters = false)
class AliasesControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ModelRepository repository;

	@Test
	void puttingAnAliasAnswersTheSummaryAndRecordsWhoAndWhy() throws Exception {
		AliasChange change = new AliasChange(2, new AliasPolicy(null, null, null), AliasMove.OPEN, "better");
		given(this.repository.putAlias("mnist", "production", change))
			.willReturn(new ModelSummary("mnist", 3, Map.of("production", 2)));
		putAlias("production", "{\"version\": 2, \"reason\": \"better\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.aliases.production").value(2));
	}

	@Test
	void aliasNeedsAVersionAndAName() throws Exception {
		expectProblem(putAlias("production", "{}"), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("version"));
		expectProblem(putAlias("Prod", "{\"version\": 2}"), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("alias"));
		then(this.repository).should(never()).putAlias(anyString(), anyString(), any(AliasChange.class));
	}

	@Test
	void aliasToAMissingVersionIsNotFoundAndToACorruptOneAConflict() throws Exception {
		given(this.repository.putAlias(eq("mnist"), eq("production"), any(AliasChange.class)))
			.willThrow(ModelNotFoundException.version("mnist", 9));
		expectProblem(putAlias("production", "{\"version\": 9}"), 404, "not-found")
			.andExpect(jsonPath("$.detail").value("model mnist has no version 9"));
		given(this.repository.putAlias(eq("mnist"), eq("production"), any(AliasChange.class)))
			.willThrow(new CorruptModelException("mnist", 4, "version 4 of model mnist failed its checksum"));
		expectProblem(putAlias("production", "{\"version\": 4}"), 409, "corrupt-model")
			.andExpect(jsonPath("$.detail").value("version 4 of model mnist failed its checksum"));
	}

	@Test
	void aRefusedMoveAnswersConflictWithBothAccuracies() throws Exception {
		given(this.repository.putAlias(eq("mnist"), eq("production"), any(AliasChange.class)))
			.willThrow(new PromotionRefusedException("mnist", "production", 3, 0.91, 2, 0.95, 0.951,
					PromotionRefusedException.Condition.MUST_BEAT_CURRENT, false));
		expectProblem(putAlias("production", "{\"version\": 3, \"mustBeatCurrent\": true, \"margin\": 0.001}"), 409,
				"promotion-refused")
			.andExpect(jsonPath("$.accuracy").value(0.91))
			.andExpect(jsonPath("$.currentVersion").value(2))
			.andExpect(jsonPath("$.currentAccuracy").value(0.95))
			.andExpect(jsonPath("$.requiredAccuracy").value(0.951))
			.andExpect(jsonPath("$.condition").value("mustBeatCurrent"))
			.andExpect(jsonPath("$.source").value("request"));
	}

	@Test
	void deletingAnAliasAnswersNoContent() throws Exception {
		this.mvc.perform(delete("/models/mnist/aliases/production").param("reason", "retired"))
			.andExpect(status().isNoContent());
		then(this.repository).should().deleteAlias("mnist", "production", AliasMove.OPEN, "retired");
	}

	@Test
	void historyListsTheMovesNewestFirst() throws Exception {
		Instant at = Instant.parse("2026-12-01T10:00:00Z");
		given(this.repository.aliasHistory("mnist", "production"))
			.willReturn(List.of(new AliasMove("mnist", "production", 1, 2, at.plusSeconds(60), "ci", "better"),
					new AliasMove("mnist", "production", null, 1, at, AliasMove.OPEN, null)));
		this.mvc.perform(get("/models/mnist/aliases/production/history"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].from").value(1))
			.andExpect(jsonPath("$[0].to").value(2))
			.andExpect(jsonPath("$[0].by").value("ci"))
			.andExpect(jsonPath("$[0].reason").value("better"))
			.andExpect(jsonPath("$[1].from").isEmpty())
			.andExpect(jsonPath("$[1].at").value("2026-12-01T10:00:00Z"));
	}

	@Test
	void rollbackAnswersTheNewStateAndConflictWhenThereIsNothingToGoBackTo() throws Exception {
		AliasMove move = new AliasMove("mnist", "production", 2, 1, Instant.parse("2026-12-01T10:00:00Z"),
				AliasMove.OPEN, "regression", true);
		given(this.repository.rollback("mnist", "production", AliasMove.OPEN, "regression"))
			.willReturn(new AliasState("mnist", "production", 1, move));
		this.mvc
			.perform(post("/models/mnist/aliases/production/rollback").contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\": \"regression\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.move.rollback").value(true));
		given(this.repository.rollback("mnist", "staging", AliasMove.OPEN, null))
			.willThrow(new NoRollbackTargetException("mnist", "staging", 1, "alias 'staging' has no earlier version"));
		expectProblem(this.mvc.perform(post("/models/mnist/aliases/staging/rollback")), 409, "no-rollback-target")
			.andExpect(jsonPath("$.currentVersion").value(1));
	}

	@Test
	void policyIsReadAndStored() throws Exception {
		AliasPolicy policy = new AliasPolicy(0.97, true, 0.001);
		given(this.repository.putPolicy("mnist", "production", policy, AliasMove.OPEN)).willReturn(policy);
		this.mvc
			.perform(put("/models/mnist/aliases/production/policy").contentType(MediaType.APPLICATION_JSON)
				.content("{\"minAccuracy\": 0.97, \"mustBeatCurrent\": true, \"margin\": 0.001}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.minAccuracy").value(0.97));
		given(this.repository.policy("mnist", "production")).willReturn(policy);
		this.mvc.perform(get("/models/mnist/aliases/production/policy"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mustBeatCurrent").value(true))
			.andExpect(jsonPath("$.margin").value(0.001))
			.andExpect(jsonPath("$.empty").doesNotExist());
	}

	private ResultActions putAlias(String alias, String body) throws Exception {
		return this.mvc
			.perform(put("/models/mnist/aliases/" + alias).contentType(MediaType.APPLICATION_JSON).content(body));
	}

}
