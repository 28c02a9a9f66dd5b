package dev.descent;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.descent.data.DataSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the README's architecture, checked on the compiled main classes:
 * the engine is plain Java, the features know neither the protocols (web, cli) nor the
 * storage backends, and no two top-level packages depend on each other in a cycle.
 */
class ArchitectureTest {

	/**
	 * The packages that hold the domain: they own their store interfaces and exceptions.
	 */
	static final String[] FEATURES = { "dev.descent.jobs..", "dev.descent.models..", "dev.descent.datasets..",
			"dev.descent.predict..", "dev.descent.data..", "dev.descent.metrics.." };

	/** The storage backends, which implement the features' store interfaces. */
	static final String[] BACKENDS = { "dev.descent.storage.filesystem..", "dev.descent.storage.shared.." };

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages("dev.descent");
	}

	@Test
	void theEngineImportsNoSpring() {
		engineImportsNoSpringRule().check(classes);
	}

	@Test
	void theEngineImportsNothingOfTheService() {
		engineImportsNothingOfTheServiceRule().check(classes);
	}

	@Test
	void featuresImportNoProtocol() {
		featuresImportNoProtocolRule().check(classes);
	}

	@Test
	void featuresImportNoBackend() {
		featuresImportNoBackendRule().check(classes);
	}

	@Test
	void topLevelPackagesHaveNoCycles() {
		topLevelPackagesHaveNoCyclesRule().check(classes);
	}

	static ArchRule engineImportsNoSpringRule() {
		return noClasses().that()
			.resideInAPackage("dev.descent.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta..")
			.because("the engine is the book's algorithm in plain Java, usable without the service");
	}

	static ArchRule engineImportsNothingOfTheServiceRule() {
		// One known edge: the engine trains on and evaluates data.DataSet, a plain
		// container of images and labels (java.util only). Moving it into the engine
		// renames it in 37 files that other work touches; it is left for a quiet moment.
		DescribedPredicate<JavaClass> allowed = resideInAPackage("dev.descent.engine..")
			.or(equivalentTo(DataSet.class));
		return noClasses().that()
			.resideInAPackage("dev.descent.engine..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.descent..").and(not(allowed)))
			.because("the engine knows nothing of jobs, models, storage or protocols");
	}

	static ArchRule featuresImportNoProtocolRule() {
		return noClasses().that()
			.resideInAnyPackage(FEATURES)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.descent.web..", "dev.descent.cli..")
			.because("the features carry no HTTP: web maps their exceptions once per protocol");
	}

	static ArchRule featuresImportNoBackendRule() {
		return noClasses().that()
			.resideInAnyPackage(FEATURES)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BACKENDS)
			.because("the features own their store interfaces; the backends implement them")
			// the backends do not exist in every revision; the rule must hold then too
			.allowEmptyShould(true);
	}

	/**
	 * Slices are the top-level packages under dev.descent, except that each storage
	 * backend is a slice of its own: a backend implements the features' interfaces (so
	 * depends on them) while the features use storage's shared helpers (SafeNames,
	 * DurableFiles), which is layering, not a cycle.
	 */
	static ArchRule topLevelPackagesHaveNoCyclesRule() {
		return slices().assignedFrom(new TopLevelPackages()).should().beFreeOfCycles();
	}

	static final class TopLevelPackages implements SliceAssignment {

		private static final String ROOT = "dev.descent.";

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
			String name = javaClass.getPackageName();
			if (!name.startsWith(ROOT)) {
				return SliceIdentifier.ignore();
			}
			String[] parts = name.substring(ROOT.length()).split("\\.");
			if (parts[0].equals("storage") && parts.length > 1) {
				return SliceIdentifier.of("storage." + parts[1]);
			}
			return SliceIdentifier.of(parts[0]);
		}

		@Override
		public String getDescription() {
			return "top-level packages of dev.descent, each storage backend on its own";
		}

	}

}
