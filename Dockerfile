# syntax=docker/dockerfile:1
#
# descent container image.
#   docker build -t descent .
#   docker run -p 8080:8080 -v descent-data:/data descent
#
# Stage 1 builds the jar with the Maven wrapper on a JDK 17 image (the project's --release).
# Stage 2 splits it into Spring Boot's layers so the dependency layer (large, rarely changing)
# is cached apart from the application classes (small, changing on every build).
# Stage 3 runs it on the JRE of the current LTS; the bytecode is Java 17 and runs unchanged.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# The local Maven repository is a BuildKit cache mount: dependencies download once, not per build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package

FROM eclipse-temurin:17-jdk AS layers
WORKDIR /layers
COPY --from=build /src/target/descent.jar descent.jar
# Boot 4 syntax: the "tools" jar mode; --launcher keeps the JarLauncher layout
RUN java -Djarmode=tools -jar descent.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
# A fixed, non-root uid/gid (the Helm chart runs the pod as the same ids)
RUN groupadd --system --gid 10001 descent \
 && useradd --system --uid 10001 --gid descent --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin descent \
 && mkdir /data && chown descent:descent /data
WORKDIR /app
# Least to most frequently changing, one image layer each
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./

# Everything the service writes (MNIST download, jobs, models, data sets) goes under /data.
# MNIST is not baked in: the service fetches it into the volume on first need, from the
# configured mirrors (descent.mnist.mirrors); there is no npm in this image.
ENV DESCENT_DATA_DIR=/data
VOLUME /data
USER descent:descent
EXPOSE 8080

# The JRE image has neither curl nor wget (the Temurin Dockerfile purges the wget it downloads
# the JDK with), so the probe speaks HTTP/1.0 through bash's /dev/tcp: no extra package, no second
# JVM competing for the container's memory. Healthy = HTTP 200 from /actuator/health/liveness, the
# probe the Helm chart restarts on: the full /actuator/health also includes MNIST, which is DOWN
# while it downloads or when no mirror answers, though the service still serves predictions.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>\"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}\" && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Heap sized from the container's memory limit. Add JVM options with JAVA_TOOL_OPTIONS and
# service properties with environment variables (e.g. DESCENT_MNIST_MIRRORS, SERVER_PORT).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
