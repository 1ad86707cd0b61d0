package dev.prompttracker.adapter.r2;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Unavailable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Bodies in Cloudflare R2, or any S3-compatible store, through the AWS SDK v2. Configured the way
 * R2 needs it: region {@code auto}, path-style addressing, no chunked (aws-chunked) uploads, and
 * checksums only when an operation requires one. Large bodies go up in equal multipart parts;
 * several bodies are read in parallel; content can be shared by presigned GET links (≤ 7 days).
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    public static final Duration MAX_PRESIGN = Duration.ofDays(7);
    /** What a body is stored as, whichever transport writes it. */
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    /** S3's (and R2's) smallest part size except the last. */
    public static final int MIN_PART_BYTES = 5 * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final long multipartThreshold;
    private final int partBytes;
    private final ExecutorService readers;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, long multipartThreshold, int partBytes) {
        this(s3, presigner, bucket, multipartThreshold, partBytes, Executors.newVirtualThreadPerTaskExecutor());
    }

    /** As above, reading bodies in parallel on {@code readers} (which it shuts down on close). */
    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, long multipartThreshold, int partBytes,
                       ExecutorService readers) {
        this.readers = readers;
        if (partBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("multipart parts are at least 5 MiB");
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partBytes = partBytes;
    }

    /** An S3 client set up for R2 (or another S3-compatible endpoint). */
    public static S3Client client(URI endpoint, String accessKeyId, String secretAccessKey, Duration timeout) {
        return client(endpoint, accessKeyId, secretAccessKey, timeout, operation -> { });
    }

    /** As {@link #client(URI, String, String, Duration)}, telling {@code onCall} the name of every operation sent. */
    public static S3Client client(URI endpoint, String accessKeyId, String secretAccessKey, Duration timeout,
                                  Consumer<String> onCall) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                onCall.accept(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                onCall.accept(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        return S3Client.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
                .endpointOverride(endpoint)
                .region(Region.of("auto"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                        secretAccessKey)))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false)
                        .build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build())
                .build();
    }

    public static S3Presigner presigner(URI endpoint, String accessKeyId, String secretAccessKey) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of("auto"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                        secretAccessKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @Override
    public void put(BlobKey key, byte[] content) {
        try {
            if (content.length > multipartThreshold) {
                putInParts(key, content);
            } else {
                s3.putObject(b -> b.bucket(bucket).key(key.value()).contentType(CONTENT_TYPE),
                        RequestBody.fromBytes(content));
            }
        } catch (SdkException e) {
            throw new Unavailable("cannot write blob " + key + " to the object store", e);
        }
    }

    private void putInParts(BlobKey key, byte[] content) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key.value())
                .contentType(CONTENT_TYPE)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int offset = 0, number = 1; offset < content.length; offset += partBytes, number++) {
                int length = Math.min(partBytes, content.length - offset);
                int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key.value()).uploadId(uploadId)
                                .partNumber(partNumber).contentLength((long) length),
                        RequestBody.fromBytes(Arrays.copyOfRange(content, offset, offset + length))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key.value()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key.value()).uploadId(uploadId));
            } catch (SdkException ignored) {
                // R2 and S3 abort forgotten uploads on their own after a while.
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> get(BlobKey key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key.value())).asByteArray());
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new Unavailable("cannot read blob " + key + " from the object store", e);
        } catch (SdkException e) {
            throw new Unavailable("cannot read blob " + key + " from the object store", e);
        }
    }

    /** Reads the bodies in parallel, one GET each. */
    @Override
    public Map<BlobKey, byte[]> getAll(Collection<BlobKey> keys) {
        return ParallelReads.getAll(readers, keys, this::get);
    }

    @Override
    public void delete(BlobKey key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key.value()));
        } catch (NoSuchKeyException absent) {
            // Already gone.
        } catch (SdkException e) {
            throw new Unavailable("cannot delete blob " + key + " from the object store", e);
        }
    }

    /** A link anyone can GET the body from until it expires (at most 7 days, R2's limit). */
    public URL presignedGet(BlobKey key, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_PRESIGN) > 0) {
            throw new IllegalArgumentException("presigned links last from 1 second to 7 days");
        }
        return presigner.presignGetObject(p -> p.signatureDuration(validFor)
                .getObjectRequest(g -> g.bucket(bucket).key(key.value()))).url();
    }

    /** Lets the browser origins read objects directly (presigned links): the bucket's CORS policy. */
    public void applyCors(List<String> allowedOrigins) {
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedOrigins(allowedOrigins)
                .allowedMethods("GET", "HEAD")
                .allowedHeaders("*")
                .exposeHeaders("ETag", "Content-Length", "Content-Type")
                .maxAgeSeconds(3600)
                .build())));
    }

    /** One cheap call that proves the bucket is reachable with these credentials. */
    public void checkReachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new Unavailable("cannot reach bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        readers.shutdown();
        s3.close();
        presigner.close();
    }
}
